// TCP (RFC 9293), printed as tcpdump's print-tcp.c tcp_print does, including its
// relative sequence numbers (per connection, from the first packet with ACK seen).
import { be16, be32 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { IndexContext } from '../dissect/index-context.js';
import { checksumShouldBe, internetChecksum, pseudoHeaderSum } from '../format/checksum.js';
import { ipv6PseudoDst } from '../format/ipv6-pseudo.js';
import { printTcpOptions, TcpOptionsEnded, type TcpOptionValues } from './tcp-options.js';
import { tcpFlagString, TH_ACK, TH_FIN, TH_RST, TH_SYN, TH_URG } from './tcp-flags.js';
import { indexTcpOptions, TCP_OPTION_FIELDS } from './tcp-option-fields.js';
import { addTcpTree, TCP_FIELDS } from './tcp-tree.js';
import { IPPROTO_TCP } from '../format/ipprotos.js';
import { TCP_SEQ_STATE, TcpSeqTable, type SeqEntry } from './tcp-seq-table.js';
import type { NetworkLayer } from '../dissect/layer-info.js';

export type { SeqEntry };

const TCP_HDR_LEN = 20;

/**
 * Random access to tcpdump's relative sequence numbers. tcpdump's table depends on every
 * earlier packet, so a host that prints an arbitrary window (a packet list scrolled to the
 * middle of a capture) installs an oracle under TCP_SEQ_ORACLE (FrameDissector.setState):
 * it answers what the table held for this tuple when this frame was printed in order.
 * `undefined` means "not known": the sequential table below is used instead.
 */
export interface TcpSeqOracle {
  entry(v: number, a: string, b: string, pa: number, pb: number, frameNumber: number, syn: boolean): SeqEntry | undefined;
}
export const TCP_SEQ_ORACLE = 'tcp.seqOracle';

/**
 * tcpdump's tcp_seq_hash lookup: one entry per (addresses, ports) in a fixed order; a SYN
 * or a first sighting (re)starts it. `rev` puts the destination first.
 */
function seqEntry(ctx: DissectContext, ip: NetworkLayer, rev: boolean, pa: number, pb: number, syn: boolean): SeqEntry {
  const oracle = ctx.state.get(TCP_SEQ_ORACLE) as TcpSeqOracle | undefined;
  if (oracle) {
    const e = oracle.entry(ip.version, rev ? ip.dst : ip.src, rev ? ip.src : ip.dst, pa, pb, ctx.meta.number, syn);
    if (e) return e;
  }
  const t = ctx.stateFor(TCP_SEQ_STATE, () => new TcpSeqTable());
  const a = rev ? ip.dstBytes : ip.srcBytes;
  const b = rev ? ip.srcBytes : ip.dstBytes;
  t.setKey(ip.version, a, 0, b, 0, pa, pb);
  let th = t.find();
  if (!th) {
    th = { seq: 0, ack: 0, fresh: true };
    t.add(th);
  } else th.fresh = syn;
  return th;
}

function recordFacts(
  ctx: DissectContext,
  seq: number,
  ack: number,
  flags: number,
  window: number,
  headerLength: number,
  payloadLength: number,
  offset: number,
  o: TcpOptionValues | null,
): void {
  if (ctx.facts.tcp) return;
  // One object shape for every packet (no spread): this runs for every TCP segment.
  ctx.facts.tcp = {
    seq,
    ack,
    flags,
    window,
    headerLength,
    payloadLength,
    offset,
    mss: o?.mss,
    wscale: o?.wscale,
    sackPermitted: o?.sackPermitted,
    tsVal: o?.tsVal,
    tsEcr: o?.tsEcr,
    sack: o?.sack,
  };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export const tcp: Dissector = {
  name: 'tcp',
  fields: [...TCP_FIELDS, ...TCP_OPTION_FIELDS],
  index(ctx: IndexContext, bp: number, length: number): void {
    const d = ctx.data;
    const ix = ctx.index;
    if (bp + TCP_HDR_LEN > ctx.end) return;
    const hlen = (d[bp + 12]! >> 4) * 4;
    ix.sport = be16(ctx.data, bp);
    ix.dport = be16(ctx.data, bp + 2);
    ix.seq = be32(ctx.data, bp + 4);
    ix.ack = be32(ctx.data, bp + 8);
    ix.tcpFlags = d[bp + 13]!;
    ix.window = be16(ctx.data, bp + 14);
    ix.payloadOffset = bp + hlen;
    ix.payloadLength = Math.max(0, length - hlen);
    if (hlen > TCP_HDR_LEN && bp + hlen <= ctx.end) indexTcpOptions(ctx, bp + TCP_HDR_LEN, bp + hlen);
    if (ix.payloadLength > 0 && hlen >= TCP_HDR_LEN) ctx.dispatchPorts('tcpport', ix.sport, ix.dport, bp + hlen, ix.payloadLength);
  },
  dissect(ctx: DissectContext, bp: number, length: number): void {
    const f = ctx.frame;
    const ip = ctx.ip;
    if (!ip) return;
    ctx.facts.protocol = 'TCP';
    if (!f.has(bp + 2, 2)) {
      ctx.print(`${ip.src} > ${ip.dst}:`);
      ctx.printTrunc();
      return;
    }
    const sport = f.be16(bp);
    const dport = f.be16(bp + 2);
    const headerProto = ip.version === 6 ? f.data[ip.offset + 6] : f.data[ip.offset + 9];
    if (headerProto === IPPROTO_TCP) ctx.print(`${ip.src}.${sport} > ${ip.dst}.${dport}: `);
    else ctx.print(`${sport} > ${dport}: `);
    if (ctx.facts.sport < 0) {
      ctx.facts.sport = sport;
      ctx.facts.dport = dport;
    }
    f.check(bp, TCP_HDR_LEN);
    let hlen = (f.u8(bp + 12) >> 4) * 4;
    if (hlen < TCP_HDR_LEN) {
      ctx.print(` tcp ${length - hlen} [bad hdr length ${hlen} - too short, < 20]`);
      ctx.markMalformed(`bad header length ${hlen}`, bp + 12, 1);
      return;
    }
    let seq = f.be32(bp + 4);
    let ack = f.be32(bp + 8);
    const rawSeq = seq;
    const rawAck = ack;
    const win = f.be16(bp + 14);
    const urp = f.be16(bp + 18);
    const flags = f.u8(bp + 13);
    if (ctx.tree) addTcpTree(ctx, bp, hlen, length, sport, dport);
    if (ctx.opts.qflag) {
      ctx.print(`tcp ${length - hlen}`);
      if (hlen > length) ctx.print(` [bad hdr length ${hlen} - too long, > ${length}]`);
      return;
    }
    ctx.print(`Flags [${tcpFlagString(flags)}]`);
    let rev = false;
    let thseq = 0;
    let thack = 0;
    if (!ctx.opts.absoluteSeq && flags & TH_ACK) {
      if (sport > dport) rev = true;
      else if (sport === dport) rev = compareBytes(ip.srcBytes, ip.dstBytes) > 0;
      const th = seqEntry(ctx, ip, rev, rev ? dport : sport, rev ? sport : dport, (flags & TH_SYN) !== 0);
      if (th.fresh) {
        if (rev) {
          th.ack = seq;
          th.seq = (ack - 1) >>> 0;
        } else {
          th.seq = seq;
          th.ack = (ack - 1) >>> 0;
        }
      } else if (rev) {
        seq = (seq - th.ack) >>> 0;
        ack = (ack - th.seq) >>> 0;
      } else {
        seq = (seq - th.seq) >>> 0;
        ack = (ack - th.ack) >>> 0;
      }
      thseq = th.seq;
      thack = th.ack;
    }
    if (hlen > length) {
      ctx.print(` [bad hdr length ${hlen} - too long, > ${length}]`);
      ctx.markMalformed(`header length ${hlen} > segment length ${length}`, bp + 12, 1);
      return;
    }
    if (ctx.opts.verbose && !ip.fragmented && f.has(bp, length)) {
      const sum = internetChecksum(f.data, bp, length, pseudoHeaderSum(ip.srcBytes, ip.version === 6 ? ipv6PseudoDst(f, ip.offset) : ip.dstBytes, 6, length));
      const tcpSum = f.be16(bp + 16);
      ctx.print(`, cksum 0x${tcpSum.toString(16).padStart(4, '0')}`);
      ctx.print(sum !== 0 ? ` (incorrect -> 0x${checksumShouldBe(tcpSum, sum).toString(16).padStart(4, '0')})` : ' (correct)');
    }
    const headerLen = hlen;
    length -= hlen;
    if (ctx.opts.verbose > 1 || length > 0 || flags & (TH_SYN | TH_FIN | TH_RST)) {
      ctx.print(`, seq ${seq}`);
      if (length > 0) ctx.print(`:${(seq + length) >>> 0}`);
    }
    if (flags & TH_ACK) ctx.print(`, ack ${ack}`);
    ctx.print(`, win ${win}`);
    if (flags & TH_URG) ctx.print(`, urg ${urp}`);
    let optVals: TcpOptionValues | null = null;
    if (hlen > TCP_HDR_LEN) {
      try {
        optVals = printTcpOptions(ctx, bp + TCP_HDR_LEN, hlen - TCP_HDR_LEN, rev, thseq, thack, length);
      } catch (e) {
        recordFacts(ctx, rawSeq, rawAck, flags, win, headerLen, length, bp, null);
        if (e instanceof TcpOptionsEnded) return;
        throw e;
      }
    }
    recordFacts(ctx, rawSeq, rawAck, flags, win, headerLen, length, bp, optVals);
    ctx.print(`, length ${length}`);
    if (length <= 0) return;
    if (!f.has(bp, headerLen)) {
      ctx.print(` [remaining caplen(${f.left(bp)}) < header length(${headerLen})]`);
      f.check(bp, headerLen);
    }
    const payload = bp + headerLen;
    if (flags & TH_RST && ctx.opts.verbose) {
      printRstData(ctx, payload, length);
      return;
    }
    ctx.dispatchPorts('tcpport', sport, dport, payload, length);
  },
};

/** RFC 1122 4.2.2.12: text in a RST segment, printed with -v. */
function printRstData(ctx: DissectContext, sp: number, length: number): void {
  const f = ctx.frame;
  ctx.print(f.has(sp, length) ? ' [RST' : ' [!RST');
  if (length > 30) {
    length = 30;
    ctx.print('+');
  }
  ctx.print(' ');
  let s = '';
  while (length && sp < f.snapend) {
    s += printableChar(f.u8(sp));
    sp++;
    length--;
  }
  ctx.print(s + ']');
}

/** tcpdump's fn_print_char: `M-` for the high bit, `^X` for control characters. */
export function printableChar(c: number): string {
  let s = '';
  if (c & 0x80) {
    s += 'M-';
    c &= 0x7f;
  }
  if (c < 0x20 || c === 0x7f) return s + '^' + String.fromCharCode(c ^ 0x40);
  return s + String.fromCharCode(c);
}
