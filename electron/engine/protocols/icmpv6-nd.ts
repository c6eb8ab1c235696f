// Neighbor Discovery options (RFC 4861 section 4.6; RDNSS/DNSSL RFC 8106; Route
// Information RFC 4191; Advertisement Interval / Home Agent RFC 6275). Not a dissector:
// a helper of icmpv6.ts, printing like tcpdump 4.99's icmp6_opt_print (print-icmp6.c).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv6String, macString } from '../format/addresses.js';
import { fnPrintChar, printUnknownData } from './icmpv6-text.js';
import { WS_ND_OPTION_TYPES } from './icmpv6-ws-names.js';

const OPT_NAMES = new Map<number, string>([
  [1, 'source link-address'],
  [2, 'destination link-address'],
  [3, 'prefix info'],
  [4, 'redirected header'],
  [5, 'mtu'],
  [25, 'rdnss'],
  [31, 'dnssl'],
  [7, 'advertisement interval'],
  [8, 'homeagent information'],
  [24, 'route info'],
]);

const PI_FLAGS: readonly (readonly [number, string])[] = [
  [0x80, 'onlink'],
  [0x40, 'auto'],
  [0x20, 'router'],
];

/** bittok2str: the names of the set bits joined by ", ", or `none`. */
export function bitNames(table: readonly (readonly [number, string])[], v: number): string {
  const names = table.filter(([bit]) => (v & bit) !== 0).map(([, n]) => n);
  return names.length ? names.join(', ') : 'none';
}

/** get_rtpref: the 2-bit router/route preference of RFC 4191. */
export function routePreference(v: number): string {
  return ['medium', 'high', 'rsv', 'low'][(v & 0x18) >> 3]!;
}

/** get_lifetime: seconds, or `infinity` for all ones. */
export function lifetime(v: number): string {
  return v === 0xffffffff ? 'infinity' : `${v}s`;
}

/**
 * fqdn_print for the DNSSL option: labels each followed by `.`; compression pointers are
 * relative to `base` (tcpdump passes the start of the options). Returns the offset after
 * the name, or -1 where tcpdump's fqdn_print fails.
 */
function fqdn(ctx: DissectContext, cp: number, base: number): number {
  const f = ctx.frame;
  let after = -1;
  let maxOffset = cp - base;
  let i = f.u8(cp++);
  if ((i & 0xc0) === 0x80) {
    ctx.print('<BAD LABEL TYPE>');
    return -1;
  }
  if (i === 0) {
    ctx.print('.');
    return cp;
  }
  while (i !== 0 && cp < f.snapend) {
    if ((i & 0xc0) === 0xc0) {
      // Compression pointers must point backwards (no loops).
      const ptr = ((i << 8) | f.u8(cp)) & 0x3fff;
      if (after < 0) after = cp + 1;
      if (ptr >= maxOffset) {
        ctx.print('<BAD PTR>');
        return -1;
      }
      maxOffset = ptr;
      cp = base + ptr;
      i = f.u8(cp++);
      continue;
    }
    if ((i & 0xc0) === 0x80) {
      ctx.print('<BAD LABEL TYPE>');
      return -1;
    }
    if ((i & 0xc0) === 0x40) {
      if ((i & 0x3f) !== 1) ctx.print(`<ELT ${i & 0x3f}>`);
      return -1; // EDNS0 bit labels are not used in DNSSL
    }
    // nd_printn: what was captured of the label, then failure if it was cut.
    for (let k = 0; k < i; k++) {
      if (cp + k >= f.snapend) return -1;
      fnPrintChar(ctx, f.u8(cp + k));
    }
    cp += i;
    ctx.print('.');
    i = f.u8(cp++);
  }
  return after >= 0 ? after : cp;
}

/**
 * icmp6_opt_print: `\n\t  NAME option (T), length L (N): ...` for each option in `resid`
 * bytes at `bp`. Returns false where tcpdump jumps to its trunc label (zero length, or an
 * option beyond the captured bytes).
 */
export function ndOptions(ctx: DissectContext, bp: number, resid: number): boolean {
  const f = ctx.frame;
  const t = ctx.tree;
  const vv = ctx.opts.verbose > 1;
  let cp = bp;
  while (cp < f.snapend) {
    if (!f.has(cp + 1, 1)) return false;
    if (resid <= 0) return true;
    const type = f.u8(cp);
    const len = f.u8(cp + 1);
    if (len === 0) return false;
    const bytes = len << 3;
    if (cp + bytes > f.snapend) return false;
    ctx.print(`\n\t  ${OPT_NAMES.get(type) ?? 'unknown'} option (${type}), length ${bytes} (${len}): `);
    const wsName = WS_ND_OPTION_TYPES.get(type) ?? 'Unknown';
    // Wireshark appends the option's value to its label ("Source link-layer address : 02:...").
    const optNode = t?.open('icmpv6.opt', `ICMPv6 Option (${wsName})`, cp, bytes);
    const labelWith = (value: string): void => {
      if (optNode) (optNode as { label: string }).label = `ICMPv6 Option (${wsName} : ${value})`;
    };
    if (t) {
      t.add('icmpv6.opt.type', `Type: ${wsName} (${type})`, cp, 1, type);
      t.add('icmpv6.opt.length', `Length: ${len} (${bytes} bytes)`, cp + 1, 1, len);
    }
    try {
      switch (type) {
        case 1:
        case 2: {
          let s = '';
          for (let i = 0; i < bytes - 2; i++) s += (i ? ':' : '') + f.u8(cp + 2 + i).toString(16).padStart(2, '0');
          ctx.print(s);
          if (t && bytes - 2 === 6) {
            const mac = macString(f.data, cp + 2);
            t.add(type === 1 ? 'icmpv6.opt.src_linkaddr' : 'icmpv6.opt.target_linkaddr', `Link-layer address: ${mac}`, cp + 2, 6, mac);
            labelWith(mac);
          }
          break;
        }
        case 3: {
          f.check(cp + 16, 16);
          const prefix = ipv6String(f.data, cp + 16);
          const plen = f.u8(cp + 2);
          const flags = f.u8(cp + 3);
          const valid = f.be32(cp + 4);
          ctx.print(`${prefix}/${plen}${len !== 4 ? 'badlen' : ''}, Flags [${bitNames(PI_FLAGS, flags)}], valid time ${lifetime(valid)}`);
          const pref = f.be32(cp + 8);
          ctx.print(`, pref. time ${lifetime(pref)}`);
          if (t) {
            t.add('icmpv6.opt.prefix.length', `Prefix Length: ${plen}`, cp + 2, 1, plen);
            t.add('icmpv6.opt.prefix.flag', `Flag: 0x${flags.toString(16).padStart(2, '0')}`, cp + 3, 1, flags);
            t.add('icmpv6.opt.prefix.valid_lifetime', `Valid Lifetime: ${valid}`, cp + 4, 4, valid);
            t.add('icmpv6.opt.prefix.preferred_lifetime', `Preferred Lifetime: ${pref}`, cp + 8, 4, pref);
            t.add('icmpv6.opt.prefix', `Prefix: ${prefix}`, cp + 16, 16, prefix);
            labelWith(`${prefix}/${plen}`);
          }
          break;
        }
        case 4:
          // tcpdump dumps from the start of the options here, not from this option.
          printUnknownData(ctx, bp, '\n\t    ', bytes);
          break;
        case 5: {
          const mtu = f.be32(cp + 4);
          ctx.print(` ${mtu}${len !== 1 ? 'bad option length' : ''}`);
          t?.add('icmpv6.opt.mtu', `MTU: ${mtu}`, cp + 4, 4, mtu);
          labelWith(String(mtu));
          break;
        }
        case 25: {
          const n = (len - 1) >> 1;
          ctx.print(` lifetime ${f.be32(cp + 4)}s,`);
          for (let i = 0; i < n; i++) {
            f.check(cp + 8 + 16 * i, 16);
            const a = ipv6String(f.data, cp + 8 + 16 * i);
            ctx.print(` addr: ${a}`);
            t?.add('icmpv6.opt.rdnss', `Recursive DNS Servers: ${a}`, cp + 8 + 16 * i, 16, a);
          }
          break;
        }
        case 31: {
          ctx.print(` lifetime ${f.be32(cp + 4)}s, domain(s):`);
          let domp = cp + 8;
          while (domp < cp + bytes && f.u8(domp) !== 0) {
            ctx.print(' ');
            domp = fqdn(ctx, domp, bp);
            if (domp < 0) return false;
          }
          break;
        }
        case 7: {
          const ms = f.be32(cp + 4);
          ctx.print(` ${ms}ms`);
          t?.add('icmpv6.opt.advertisement_interval', `Advertisement Interval: ${ms}`, cp + 4, 4, ms);
          break;
        }
        case 8:
          ctx.print(` preference ${f.be16(cp + 4)}, lifetime ${f.be16(cp + 6)}`);
          break;
        case 24: {
          f.check(cp + 4, 4);
          const prefix = new Uint8Array(16);
          if (len === 2) prefix.set(f.bytes(cp + 8, 8));
          else if (len === 3) prefix.set(f.bytes(cp + 8, 16));
          else if (len !== 1) return false;
          ctx.print(` ${ipv6String(prefix, 0)}/${f.u8(cp + 2)}`);
          ctx.print(`, pref=${routePreference(f.u8(cp + 3))}`);
          ctx.print(`, lifetime=${lifetime(f.be32(cp + 4))}`);
          break;
        }
        default:
          if (!vv) {
            printUnknownData(ctx, cp + 2, '\n\t  ', bytes - 2);
            return true;
          }
      }
    } finally {
      t?.close();
    }
    if (vv) printUnknownData(ctx, cp + 2, '\n\t    ', bytes - 2);
    cp += bytes;
    resid -= bytes;
  }
  return true;
}
