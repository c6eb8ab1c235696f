// SSH (RFC 4253): tcpdump prints only the protocol version exchange line.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';

const PROTOCOL: FieldDecl = { abbrev: 'ssh', name: 'SSH Protocol', type: 'protocol', indexed: true };
const VERSION: FieldDecl = { abbrev: 'ssh.protocol', name: 'Protocol', type: 'string' };

export const ssh: Dissector = {
  name: 'ssh',
  fields: [PROTOCOL, VERSION],
  dissect(ctx: DissectContext, p: number, len: number): void {
    const f = ctx.frame;
    ctx.facts.protocol = 'SSH';
    const t = ctx.tree;
    t?.openField(PROTOCOL, p, Math.min(len, f.left(p)));
    try {
      version(ctx, p, len);
    } finally {
      t?.close();
    }
  },
};

/** The version exchange line (`SSH-2.0-...`), when the segment starts with one. */
function version(ctx: DissectContext, p: number, len: number): void {
  const f = ctx.frame;
  if (f.u8(p) !== 0x53 || f.u8(p + 1) !== 0x53 || f.u8(p + 2) !== 0x48 || f.u8(p + 3) !== 0x2d) return;
  let idx = 4;
  while (idx < len) {
    const c = f.u8(p + idx);
    if (c === 0x0a) break;
    if (c === 0x0d) {
      if (idx + 1 >= len) return;
      if (f.u8(p + idx + 1) === 0x0a) break;
      return;
    }
    if (c < 0x20 || c > 0x7e) return;
    idx++;
  }
  if (idx >= len) return;
  let s = '';
  for (let i = 0; i < idx; i++) s += String.fromCharCode(f.data[p + i]!);
  ctx.print(`: SSH: ${s}`);
  ctx.tree?.field(VERSION, p, idx, s);
}
