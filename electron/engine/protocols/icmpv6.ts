// ICMPv6 (RFC 4443) with Neighbor Discovery (RFC 4861), MLD (RFC 2710/3810), Node
// Information (RFC 4620), Router Renumbering (RFC 2894) and RPL (RFC 6550). Printing
// follows tcpdump 4.99's icmp6_print (print-icmp6.c); the message bodies live in the
// icmpv6-*.ts helpers.
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import { bitPattern } from '../dissect/field-decl.js';
import type { TreeBuilder } from '../dissect/tree-builder.js';
import type { IndexContext } from '../dissect/index-context.js';
import type { Icmp6Facts } from '../dissect/layer-info.js';
import { ipv6String } from '../format/addresses.js';
import { checksumShouldBe, internetChecksum, pseudoHeaderSum } from '../format/checksum.js';
import { ipv6PseudoDst } from '../format/ipv6-pseudo.js';
import { mld1, mld2Query, mld2Report } from './icmpv6-mld.js';
import { bitNames, ndOptions, routePreference } from './icmpv6-nd.js';
import { nodeInfo, routerRenumbering } from './icmpv6-ni.js';
import { rpl } from './icmpv6-rpl.js';
import { printUnknownData } from './icmpv6-text.js';
import { errorBody } from './icmpv6-error.js';
import { ICMPV6_FIELDS } from './icmpv6-fields.js';
import { WS_ICMPV6_TYPES } from './icmpv6-ws-names.js';

const ICMP6_ECHO_REQUEST = 128;
const ICMP6_ECHO_REPLY = 129;

const TYPE_NAMES = new Map<number, string>([
  [1, 'destination unreachable'],
  [2, 'packet too big'],
  [3, 'time exceeded in-transit'],
  [4, 'parameter problem'],
  [ICMP6_ECHO_REQUEST, 'echo request'],
  [ICMP6_ECHO_REPLY, 'echo reply'],
  [130, 'multicast listener query'],
  [131, 'multicast listener report'],
  [132, 'multicast listener done'],
  [133, 'router solicitation'],
  [134, 'router advertisement'],
  [135, 'neighbor solicitation'],
  [136, 'neighbor advertisement'],
  [137, 'redirect'],
  [138, 'router renumbering'],
  [141, 'inverse neighbor solicitation'],
  [142, 'inverse neighbor advertisement'],
  [143, 'multicast listener report v2'],
  [144, 'ha discovery request'],
  [145, 'ha discovery reply'],
  [146, 'mobile router solicitation'],
  [147, 'mobile router advertisement'],
  [139, 'who-are-you request'],
  [140, 'who-are-you reply'],
  [201, 'mtrace message'],
  [200, 'mtrace response'],
  [155, 'RPL'],
]);

const RA_FLAGS: readonly (readonly [number, string])[] = [
  [0x80, 'managed'],
  [0x40, 'other stateful'],
  [0x20, 'home agent'],
  [0x02, 'ipv6 only'],
];
const NA_FLAGS: readonly (readonly [number, string])[] = [
  [0x80000000, 'router'],
  [0x40000000, 'solicited'],
  [0x20000000, 'override'],
];

/** Types whose length tcpdump prints right after the name at -v. */
const LENGTH_FIRST = new Set([133, 134, 136, 135, 137, 145, 147]);

function addr(ctx: DissectContext, o: number): string {
  ctx.frame.check(o, 16);
  return ipv6String(ctx.frame.data, o);
}

export const icmpv6: Dissector = {
  name: 'icmp6',
  fields: ICMPV6_FIELDS,
  index(ctx: IndexContext, offset: number, length: number): void {
    const ix = ctx.index;
    const d = ctx.data;
    // ip_demux_print: ICMPv6 only over IPv6 (no icmpv6 tree either).
    if (ix.ipVersion !== 6 || offset + 4 > ctx.end) return;
    // The ICMPv6 message's length (header and data), what tcpdump prints as "length 64": the ladder shows it.
    ix.payloadLength = Math.max(0, length);
    ix.icmpType = d[offset]!;
    ix.icmpCode = d[offset + 1]!;
    // Echo identifier/sequence key the ping conversation (the flow table's "ports").
    if ((ix.icmpType === ICMP6_ECHO_REQUEST || ix.icmpType === ICMP6_ECHO_REPLY) && offset + 8 <= ctx.end) {
      ix.icmpId = be16(ctx.data, offset + 4);
      ix.icmpSeq = be16(ctx.data, offset + 6);
    }
  },
  dissect(ctx: DissectContext, offset: number, length: number): void {
    const f = ctx.frame;
    const ip = ctx.ip;
    if (ip && ip.version !== 6) {
      // ip_demux_print: ICMPv6 only makes sense over IPv6.
      ctx.print('[ICMPv6 requires IPv6]');
      ctx.printInvalid();
      return;
    }
    ctx.facts.protocol = 'ICMPv6';
    const v = ctx.opts.verbose;
    const t = ctx.tree;
    if (length === 0) {
      ctx.print('ICMP6, length 0');
      ctx.printInvalid();
      return;
    }
    if (t) t.open('icmpv6', 'Internet Control Message Protocol v6', offset, length);
    try {
      if (v && ip && !ip.fragmented && f.has(offset, length)) {
        const sum = f.be16(offset + 2);
        const pseudo = pseudoHeaderSum(ip.srcBytes, ipv6PseudoDst(f, ip.offset), 58, length);
        const computed = internetChecksum(f.data, offset, length, pseudo);
        if (computed !== 0) {
          ctx.print(`[bad icmp6 cksum 0x${hex4(sum)} -> 0x${hex4(checksumShouldBe(sum, computed))}!] `);
          ctx.addExpert({ severity: 'warning', group: 'checksum', message: 'Bad checksum' }, offset + 2, 2);
        } else ctx.print('[icmp6 sum ok] ');
      }
      const type = f.u8(offset);
      ctx.print(`ICMP6, ${TYPE_NAMES.get(type) ?? `unknown icmp6 type (${type})`}`);
      if (v && LENGTH_FIRST.has(type)) ctx.print(`, length ${length}`);
      const code = f.u8(offset + 1);
      const facts: { -readonly [K in keyof Icmp6Facts]: Icmp6Facts[K] } = { type, code };
      ctx.facts.icmp6 = facts;
      if (t) {
        t.add('icmpv6.type', `Type: ${WS_ICMPV6_TYPES.get(type) ?? 'Unknown'} (${type})`, offset, 1, type);
        const codeName = WS_ICMPV6_CODES.get(type)?.[code];
        t.add('icmpv6.code', `Code: ${code}${codeName ? ` (${codeName})` : ''}`, offset + 1, 1, code);
        if (f.has(offset + 2, 2)) checksumTree(ctx, offset, length);
        if (RESERVED_WORD.has(type) && f.has(offset + 4, 4)) t.add('icmpv6.reserved', `Reserved: ${hex4(f.be16(offset + 4))}${hex4(f.be16(offset + 6))}`, offset + 4, 4);
      }
      if (!body(ctx, type, code, offset, length, facts)) return;
      if (!v) ctx.print(`, length ${length}`);
    } finally {
      t?.close();
    }
  },
};

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** Types whose second word is reserved (Wireshark shows it as "Reserved: 00000000"). */
const RESERVED_WORD = new Set([1, 3, 133, 135, 137]);

/** Wireshark's code names of the error types (packet-icmpv6.c); other codes show bare. */
const WS_ICMPV6_CODES: ReadonlyMap<number, readonly string[]> = new Map([
  [1, ['no route to destination', 'Administratively prohibited', 'Beyond scope of source address', 'Address unreachable', 'Port unreachable', 'Source address failed ingress/egress policy', 'Reject route to destination', 'Error in Source Routing Header']],
  [3, ['hop limit exceeded in transit', 'fragment reassembly time exceeded']],
  [4, ['erroneous header field encountered', 'unrecognized Next Header type encountered', 'unrecognized IPv6 option encountered', 'IPv6 First Fragment has incomplete IPv6 Header Chain']],
]);

/**
 * The checksum as Wireshark shows it: verified over the pseudo-header when the whole message
 * is captured and not a fragment ("[correct]", or what it should be), else unverified.
 */
function checksumTree(ctx: DissectContext, offset: number, length: number): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  const sum = f.be16(offset + 2);
  const ip = ctx.ip;
  if (ip && ip.version === 6 && !ip.fragmented && f.has(offset, length)) {
    const computed = internetChecksum(f.data, offset, length, pseudoHeaderSum(ip.srcBytes, ipv6PseudoDst(f, ip.offset), 58, length));
    if (computed === 0) {
      t.add('icmpv6.checksum', `Checksum: 0x${hex4(sum)} [correct]`, offset + 2, 2, sum);
      t.add('icmpv6.checksum.status', '[Checksum Status: Good]', offset + 2, 0, 1);
    } else {
      t.add('icmpv6.checksum', `Checksum: 0x${hex4(sum)} incorrect, should be 0x${hex4(checksumShouldBe(sum, computed))}`, offset + 2, 2, sum);
      t.add('icmpv6.checksum.status', '[Checksum Status: Bad]', offset + 2, 0, 0);
    }
    return;
  }
  t.add('icmpv6.checksum', `Checksum: 0x${hex4(sum)} [unverified]`, offset + 2, 2, sum);
  t.add('icmpv6.checksum.status', '[Checksum Status: Unverified]', offset + 2, 0, 2);
}

/**
 * The type-specific part. Returns false when tcpdump returns without the trailing
 * `, length N` (hex dumps of unknown types/codes, its trunc label).
 */
function body(ctx: DissectContext, type: number, code: number, o: number, length: number, facts: { id?: number; seq?: number }): boolean {
  const f = ctx.frame;
  const t = ctx.tree;
  const v = ctx.opts.verbose;
  switch (type) {
    case 1:
    case 2:
    case 3:
    case 4:
      return errorBody(ctx, type, code, o, length);
    case ICMP6_ECHO_REQUEST:
    case ICMP6_ECHO_REPLY: {
      const id = f.be16(o + 4);
      const seq = f.be16(o + 6);
      ctx.print(`, id ${id}, seq ${seq}`);
      facts.id = id;
      facts.seq = seq;
      t?.add('icmpv6.echo.identifier', `Identifier: 0x${hex4(id)}`, o + 4, 2, id);
      t?.add('icmpv6.echo.sequence_number', `Sequence: ${seq}`, o + 6, 2, seq);
      return true;
    }
    case 130:
      if (length === 24) mld1(ctx, o);
      else if (length >= 28) {
        ctx.print(' v2');
        mld2Query(ctx, o, length);
      } else ctx.print(` unknown-version (len ${length}) `);
      return true;
    case 131:
    case 132:
      mld1(ctx, o);
      return true;
    case 133:
      return options(ctx, v, o + 8, length - 8);
    case 134:
      if (v) {
        const flags = f.u8(o + 5);
        ctx.print(
          `\n\thop limit ${f.u8(o + 4)}, Flags [${bitNames(RA_FLAGS, flags)}], pref ${routePreference(flags)}, ` +
            `router lifetime ${f.be16(o + 6)}s, reachable time ${f.be32(o + 8)}ms, retrans timer ${f.be32(o + 12)}ms`,
        );
        if (t) {
          t.add('icmpv6.nd.ra.cur_hop_limit', `Cur hop limit: ${f.u8(o + 4)}`, o + 4, 1, f.u8(o + 4));
          t.add('icmpv6.nd.ra.flag', `Flags: 0x${flags.toString(16).padStart(2, '0')}`, o + 5, 1, flags);
          t.add('icmpv6.nd.ra.router_lifetime', `Router lifetime (s): ${f.be16(o + 6)}`, o + 6, 2, f.be16(o + 6));
        }
        return ndOptions(ctx, o + 16, length - 16) || trunc(ctx);
      }
      return true;
    case 135: {
      const target = addr(ctx, o + 8);
      ctx.print(`, who has ${target}`);
      t?.add('icmpv6.nd.ns.target_address', `Target Address: ${target}`, o + 8, 16, target);
      return options(ctx, v, o + 24, length - 24);
    }
    case 136: {
      const target = addr(ctx, o + 8);
      ctx.print(`, tgt is ${target}`);
      const flags = f.be32(o + 4);
      if (t) naFlags(t, o + 4, flags);
      t?.add('icmpv6.nd.na.target_address', `Target Address: ${target}`, o + 8, 16, target);
      if (!v) return options(ctx, v, o + 24, length - 24);
      ctx.print(`, Flags [${bitNames(NA_FLAGS, flags)}]`);
      return ndOptions(ctx, o + 24, length - 24) || trunc(ctx);
    }
    case 137: {
      const dst = addr(ctx, o + 24);
      ctx.print(`, ${dst}`);
      const target = addr(ctx, o + 8);
      ctx.print(` to ${target}`);
      t?.add('icmpv6.nd.rd.target_address', `Target Address: ${target}`, o + 8, 16, target);
      return options(ctx, v, o + 40, length - 40);
    }
    case 138:
      routerRenumbering(ctx, o);
      return true;
    case 139:
    case 140:
      nodeInfo(ctx, o, length);
      return true;
    case 141:
    case 142:
      return true;
    case 143:
      mld2Report(ctx, o, length);
      return true;
    case 144:
    case 146:
      ctx.print(`, id 0x${hex4(f.be16(o + 4))}`);
      return true;
    case 145:
      if (v) {
        ctx.print(`, id 0x${hex4(f.be16(o + 4))}`);
        const end = o + length; // tcpdump walks the declared length: a cut address ends in [|icmp6]
        for (let p = o + 8; p < end; p += 16) ctx.print(`, ${addr(ctx, p)}`);
      }
      return true;
    case 147:
      if (v) {
        ctx.print(`, id 0x${hex4(f.be16(o + 4))}`);
        const flags = f.be16(o + 6);
        if (flags & 0xc000) ctx.print(' ');
        if (flags & 0x8000) ctx.print('M');
        if (flags & 0x4000) ctx.print('O');
        return ndOptions(ctx, o + 8, length - 8) || trunc(ctx);
      }
      return true;
    case 155:
      rpl(ctx, code, o + 4, length - 4);
      return true;
    default:
      ctx.print(`, length ${length}`);
      if (v <= 1) printUnknownData(ctx, o, '\n\t', length);
      return false;
  }
}

/** The Neighbor Advertisement's flags word, each flag as a bit item (packet-icmpv6.c). */
function naFlags(t: TreeBuilder, at: number, flags: number): void {
  const names = [[0x80000000, 'Router'], [0x40000000, 'Solicited'], [0x20000000, 'Override']] as const;
  const set = names.filter(([m]) => flags & m).map(([, n]) => n);
  t.open('icmpv6.nd.na.flag', `Flags: 0x${(flags >>> 0).toString(16).padStart(8, '0')}${set.length ? `, ${set.join(', ')}` : ''}`, at, 4, flags >>> 0);
  for (const [mask, name] of names) {
    t.add(`icmpv6.nd.na.flag.${name[0]!.toLowerCase()}`, `${bitPattern(mask, flags & mask ? 1 : 0, 4)} = ${name}: ${flags & mask ? 'Set' : 'Not set'}`, at, 4, (flags & mask) !== 0);
  }
  t.add('icmpv6.nd.na.flag.rsv', `${bitPattern(0x1fffffff, flags & 0x1fffffff, 4)} = Reserved: ${flags & 0x1fffffff}`, at, 4, flags & 0x1fffffff);
  t.close();
}

/** tcpdump's trunc: label of icmp6_print. */
function trunc(ctx: DissectContext): false {
  ctx.printTrunc();
  return false;
}

/**
 * The neighbour-discovery options: printed (and in the tree) with -v, as tcpdump does; without
 * -v only in the tree, which always has them (as Wireshark's), and nothing is printed.
 */
function options(ctx: DissectContext, verbose: number, bp: number, resid: number): boolean {
  if (verbose) return ndOptions(ctx, bp, resid) || trunc(ctx);
  if (!ctx.tree) return true;
  const out = ctx.out;
  const truncated = ctx.facts.truncated;
  const depth = ctx.tree.depth;
  ndOptions(ctx, bp, resid);
  ctx.tree.closeTo(depth);
  ctx.out = out;
  ctx.facts.truncated = truncated;
  return true;
}
