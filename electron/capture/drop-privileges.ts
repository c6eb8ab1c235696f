// The capture process gives up every capability once its adapter is open (activated, BPF
// filter set): from then on it holds nothing a bug in it could misuse, and nothing it might
// start inherits anything. The native addon does the dropping, for every thread (see
// native/src/privileges.c); what is left is then read back from /proc, and a capture that
// would go on with anything left is refused.
import { readdirSync, readFileSync } from 'node:fs';

export interface CapabilitySets {
  readonly effective: string;
  readonly permitted: string;
  readonly inheritable: string;
  readonly ambient: string;
}

const FIELDS = { effective: 'CapEff', permitted: 'CapPrm', inheritable: 'CapInh', ambient: 'CapAmb' } as const;

/** What the threads of this process hold together (union, 16 hex digits each), from /proc. */
export function heldCapabilities(procSelf = '/proc/self'): CapabilitySets {
  const union = { effective: 0n, permitted: 0n, inheritable: 0n, ambient: 0n };
  for (const tid of readdirSync(`${procSelf}/task`)) {
    let text: string;
    try {
      text = readFileSync(`${procSelf}/task/${tid}/status`, 'utf8');
    } catch {
      continue; // the thread ended
    }
    for (const [key, field] of Object.entries(FIELDS) as [keyof typeof FIELDS, string][]) {
      const m = new RegExp(`^${field}:\\s*([0-9a-f]+)$`, 'm').exec(text);
      // Unreadable counts as held: this check must fail closed.
      union[key] |= m ? BigInt(`0x${m[1]}`) : ~0n & 0xffffffffffffffffn;
    }
  }
  const hex = (v: bigint): string => v.toString(16).padStart(16, '0');
  return { effective: hex(union.effective), permitted: hex(union.permitted), inheritable: hex(union.inheritable), ambient: hex(union.ambient) };
}

export function holdsAny(c: CapabilitySets): boolean {
  return [c.effective, c.permitted, c.inheritable, c.ambient].some((v) => !/^0+$/.test(v));
}

function describeCapabilities(c: CapabilitySets): string {
  return `CapEff ${c.effective}, CapPrm ${c.permitted}, CapInh ${c.inheritable}, CapAmb ${c.ambient}`;
}

/**
 * Drops every capability (Linux; elsewhere there is nothing to drop). Returns null when
 * nothing is left, else a one-line reason to refuse to capture. `dropper` is the native
 * addon's dropCapabilities, or null when the addon could not load.
 */
export function dropPrivileges(dropper: (() => unknown) | null, procSelf = '/proc/self', platform = process.platform): string | null {
  if (platform !== 'linux') return null;
  if (!holdsAny(heldCapabilities(procSelf))) return null;
  if (!dropper) return 'the native capture module, which drops the capture rights once the adapter is open, could not be loaded; Ackline will not capture while holding them';
  try {
    dropper();
  } catch (e) {
    return `cannot drop the capture rights: ${e instanceof Error ? e.message : String(e)}`;
  }
  const left = heldCapabilities(procSelf);
  return holdsAny(left) ? `the capture rights could not all be dropped (${describeCapabilities(left)}); Ackline will not capture while holding them` : null;
}
