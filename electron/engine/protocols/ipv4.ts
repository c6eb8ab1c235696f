// IPv4 (RFC 791), printed as tcpdump's print-ip.c ip_print does.
import { be16, be32 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';
import { ipDemux } from '../dissect/ip-demux.js';
import type { NetworkLayer } from '../dissect/layer-info.js';
import { ipv4StringCached } from '../format/addresses.js';
import { checksumShouldBe, internetChecksum } from '../format/checksum.js';
import { IPPROTO_DCCP, IPPROTO_SCTP, IPPROTO_TCP, IPPROTO_UDP, ipProtoName } from '../format/ipprotos.js';
import { wsIpProtoName } from '../format/ws-ipprotos.js';
import { printIpOptions } from './ipv4-options.js';

const IP_MF = 0x2000;
const IP_DF = 0x4000;
const IP_RES = 0x8000;
const IP_OFFMASK = 0x1fff;
const IP_HDR_LEN = 20;

export const IPV4_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'ip', name: 'Internet Protocol Version 4', type: 'protocol', indexed: true },
  // IPv6 headers carry a hidden ip.version too (Wireshark's, see ipv6.ts), so `ip.version == 6` works.
  { abbrev: 'ip.version', name: 'Version', type: 'uint', base: 'dec', indexed: 'ipVersion', gates: ['ip', 'ipv6'] },
  { abbrev: 'ip.hdr_len', name: 'Header Length', type: 'uint', base: 'dec' },
  { abbrev: 'ip.dsfield', name: 'Differentiated Services Field', type: 'uint', base: 'hex' },
  { abbrev: 'ip.len', name: 'Total Length', type: 'uint', base: 'dec' },
  { abbrev: 'ip.id', name: 'Identification', type: 'uint', base: 'hex_dec' },
  { abbrev: 'ip.flags', name: 'Flags', type: 'uint', base: 'hex', bitmask: 0xe0 },
  { abbrev: 'ip.flags.rb', name: 'Reserved bit', type: 'bool', bitmask: 0x80 },
  { abbrev: 'ip.flags.df', name: "Don't fragment", type: 'bool', bitmask: 0x40 },
  { abbrev: 'ip.flags.mf', name: 'More fragments', type: 'bool', bitmask: 0x20 },
  { abbrev: 'ip.frag_offset', name: 'Fragment Offset', type: 'uint', base: 'dec', bitmask: 0x1fff },
  { abbrev: 'ip.ttl', name: 'Time to Live', type: 'uint', base: 'dec' },
  { abbrev: 'ip.proto', name: 'Protocol', type: 'uint', base: 'dec', indexed: 'ipProto' },
  { abbrev: 'ip.checksum', name: 'Header Checksum', type: 'uint', base: 'hex' },
  { abbrev: 'ip.src', name: 'Source Address', type: 'ipv4', indexed: 'src' },
  { abbrev: 'ip.dst', name: 'Destination Address', type: 'ipv4', indexed: 'dst' },
  { abbrev: 'ip.addr', name: 'Source or Destination Address', type: 'ipv4', alias: ['ip.src', 'ip.dst'] },
  { abbrev: 'ip.options', name: 'Options', type: 'bytes' },
  { abbrev: 'ip.fragment', name: 'IPv4 Fragment', type: 'uint' },
];

function fragFlags(off: number): string {
  const parts: string[] = [];
  if (off & IP_MF) parts.push('+');
  if (off & IP_DF) parts.push('DF');
  if (off & IP_RES) parts.push('rsvd');
  return parts.length ? parts.join(', ') : 'none';
}

export const ipv4: Dissector = {
  name: 'ip',
  fields: IPV4_FIELDS,
  index(ctx: IndexContext, p: number): void {
    const ix = ctx.index;
    // A tunnelled IP layer: the index keeps the outermost one, and stops there.
    if (ix.ipVersion !== 0) return;
    const d = ctx.data;
    if (p + IP_HDR_LEN > ctx.end || d[p]! >> 4 !== 4) return;
    const hlen = (d[p]! & 15) * 4;
    // A total length of 0 is what TCP segmentation offload leaves: like Wireshark, take
    // the rest of the frame (captured here; Wireshark uses the reported length).
    const total = be16(ctx.data, p + 2) || ctx.end - p;
    if (hlen < IP_HDR_LEN || total < hlen) return;
    ix.ipVersion = 4;
    ix.srcOffset = p + 12;
    ix.dstOffset = p + 16;
    ix.src4 = be32(ctx.data, p + 12);
    ix.dst4 = be32(ctx.data, p + 16);
    ix.ipProto = d[p + 9]!;
    if ((be16(ctx.data, p + 6) & IP_OFFMASK) !== 0) {
      ix.laterFragment = true;
      return;
    }
    if (p + total > ctx.end) ix.truncated = true;
    ctx.dispatch('ipproto', ix.ipProto, p + hlen, total - hlen);
  },
  dissect(ctx: DissectContext, bp: number, length: number): void {
    const f = ctx.frame;
    const vhl = f.u8(bp);
    if (vhl >> 4 !== 4) {
      ctx.print(vhl >> 4 === 6 ? 'IP6, wrong link-layer encapsulation' : `IP${vhl >> 4}`);
      ctx.printInvalid();
      return;
    }
    if (!ctx.opts.eflag) ctx.print('IP ');
    ctx.facts.protocol = 'IPv4';
    f.check(bp, IP_HDR_LEN);
    if (length < IP_HDR_LEN) {
      ctx.print(`truncated-ip ${length}`);
      ctx.markMalformed(`IPv4 layer length ${length} < ${IP_HDR_LEN}`);
      return;
    }
    const hlen = (vhl & 0x0f) * 4;
    if (hlen < IP_HDR_LEN) {
      ctx.print(`bad-hlen ${hlen}`);
      ctx.markMalformed(`header length ${hlen} < 20`, bp, 1);
      return;
    }
    let len = f.be16(bp + 2);
    if (length < len) ctx.print(`truncated-ip - ${len - length} bytes missing! `);
    if (len < hlen) {
      ctx.print(`bad-len ${len}`);
      ctx.markMalformed(`total length ${len} < header length ${hlen}`, bp + 2, 2);
      return;
    }
    const d = f.data;
    const src = ipv4StringCached(d, bp + 12);
    const dst = ipv4StringCached(d, bp + 16);
    const off = f.be16(bp + 6);
    const proto = f.u8(bp + 9);
    const ttl = f.u8(bp + 8);
    const t = ctx.tree;
    if (t) addTree(ctx, bp, hlen, len, src, dst);
    f.pushEnd(bp + len);
    len -= hlen;
    if (ctx.opts.verbose) {
      const tos = f.u8(bp + 1);
      let s = `(tos 0x${tos.toString(16)}`;
      s += ['', ',ECT(1)', ',ECT(0)', ',CE'][tos & 3];
      if (ttl >= 1) s += `, ttl ${ttl}`;
      s += `, id ${f.be16(bp + 4)}, offset ${(off & IP_OFFMASK) * 8}, flags [${fragFlags(off)}], proto ${ipProtoName(proto)} (${proto})`;
      s += `, length ${f.be16(bp + 2)}`;
      ctx.print(s);
      let truncated = false;
      if (hlen > 20) {
        ctx.print(', options (');
        if (!printIpOptions(ctx, bp + 20, hlen - 20)) {
          ctx.print(' [truncated-option]');
          truncated = true;
        }
        ctx.print(')');
      }
      if (bp + hlen <= f.snapend) {
        const sum = internetChecksum(d, bp, hlen);
        if (sum !== 0) {
          const ipSum = f.be16(bp + 10);
          ctx.print(`, bad cksum ${ipSum.toString(16)} (->${checksumShouldBe(ipSum, sum).toString(16)})!`);
          ctx.addExpert({ severity: 'error', group: 'checksum', message: 'Bad IPv4 header checksum' }, bp + 10, 2);
        }
      }
      ctx.print(')\n    ');
      if (truncated) {
        ctx.print(`${src} > ${dst}: `);
        ctx.printTrunc();
        f.popEnd();
        return;
      }
    }
    const layer: NetworkLayer = {
      version: 4,
      offset: bp,
      src,
      dst,
      srcBytes: d.subarray(bp + 12, bp + 16),
      dstBytes: d.subarray(bp + 16, bp + 20),
      proto,
      ttl,
      fragmented: (off & (IP_MF | IP_OFFMASK)) !== 0,
      payloadLength: len,
    };
    if (!ctx.facts.ip) {
      ctx.facts.ip = layer;
      ctx.facts.src = src;
      ctx.facts.dst = dst;
    }
    if ((off & IP_OFFMASK) === 0) {
      // The transports that print the addresses themselves (`src.port > dst.port`).
      if (proto !== IPPROTO_TCP && proto !== IPPROTO_UDP && proto !== IPPROTO_SCTP && proto !== IPPROTO_DCCP) ctx.print(`${src} > ${dst}: `);
      if (!f.has(bp, hlen)) {
        ctx.print(` [remaining caplen(${f.left(bp)}) < header length(${hlen})]`);
        f.check(bp, hlen);
      }
      const saved = ctx.ip;
      ctx.ip = layer;
      try {
        ipDemux(ctx, proto, bp + hlen, len);
      } finally {
        ctx.ip = saved;
      }
    } else {
      ctx.print(`${src} > ${dst}: ip-proto-${proto}`);
      if (t) {
        const shown = Math.min(len, f.left(bp + hlen));
        const at = Math.min(bp + hlen, f.snapend);
        const node = t.add('ip.fragment', `Fragment offset ${(off & IP_OFFMASK) * 8} (payload of ${len} bytes not reassembled)`, at, shown);
        if (shown < len) node.truncated = true;
      }
    }
    f.popEnd();
  },
};

function addTree(ctx: DissectContext, bp: number, hlen: number, totalLen: number, src: string, dst: string): void {
  const t = ctx.tree!;
  const f = ctx.frame;
  const d = f.data;
  const off = f.be16(bp + 6);
  const proto = d[bp + 9]!;
  // Nodes cover the captured bytes only; a header cut by the capture is marked truncated.
  const ipNode = t.open('ip', `Internet Protocol Version 4, Src: ${src}, Dst: ${dst}`, bp, Math.min(hlen, f.left(bp)));
  if (ipNode.length < hlen) ipNode.truncated = true;
  t.add('ip.version', `0100 .... = Version: 4`, bp, 1, 4);
  t.add('ip.hdr_len', `.... ${((hlen / 4) & 15).toString(2).padStart(4, '0')} = Header Length: ${hlen} bytes (${hlen / 4})`, bp, 1, hlen);
  t.add('ip.dsfield', `Differentiated Services Field: 0x${d[bp + 1]!.toString(16).padStart(2, '0')}`, bp + 1, 1, d[bp + 1]!);
  t.add('ip.len', `Total Length: ${totalLen}`, bp + 2, 2, totalLen);
  const id = f.be16(bp + 4);
  t.add('ip.id', `Identification: 0x${id.toString(16).padStart(4, '0')} (${id})`, bp + 4, 2, id);
  t.open('ip.flags', `Flags: 0x${(off >> 13).toString(16)}${off & IP_DF ? ", Don't fragment" : ''}${off & IP_MF ? ', More fragments' : ''}`, bp + 6, 1, off >> 13);
  t.add('ip.flags.rb', `${off & IP_RES ? 1 : 0}... .... = Reserved bit: ${off & IP_RES ? 'Set' : 'Not set'}`, bp + 6, 1, !!(off & IP_RES));
  t.add('ip.flags.df', `.${off & IP_DF ? 1 : 0}.. .... = Don't fragment: ${off & IP_DF ? 'Set' : 'Not set'}`, bp + 6, 1, !!(off & IP_DF));
  t.add('ip.flags.mf', `..${off & IP_MF ? 1 : 0}. .... = More fragments: ${off & IP_MF ? 'Set' : 'Not set'}`, bp + 6, 1, !!(off & IP_MF));
  t.close();
  // The value is the 13-bit field (8-byte units), as Wireshark 4.0 filters and prints it.
  t.add('ip.frag_offset', `Fragment Offset: ${(off & IP_OFFMASK) * 8}`, bp + 6, 2, off & IP_OFFMASK);
  t.add('ip.ttl', `Time to Live: ${d[bp + 8]}`, bp + 8, 1, d[bp + 8]!);
  t.add('ip.proto', `Protocol: ${wsIpProtoName(proto)} (${proto})`, bp + 9, 1, proto);
  const sum = f.be16(bp + 10);
  const ok = f.has(bp, hlen) ? internetChecksum(d, bp, hlen) === 0 : null;
  t.add('ip.checksum', `Header Checksum: 0x${sum.toString(16).padStart(4, '0')}${ok === null ? '' : ok ? ' [correct]' : ' [incorrect]'}`, bp + 10, 2, sum);
  t.add('ip.src', `Source Address: ${src}`, bp + 12, 4, src);
  t.add('ip.dst', `Destination Address: ${dst}`, bp + 16, 4, dst);
  if (hlen > 20) {
    const opts = t.add('ip.options', `Options: (${hlen - 20} bytes)`, bp + 20, Math.min(hlen - 20, f.left(bp + 20)));
    if (opts.length < hlen - 20) opts.truncated = true;
  }
  t.close();
}
