// ICMP for IPv4 (RFC 792, with RFC 1191, RFC 1256, RFC 4884/4950 extensions).
// Printing follows tcpdump's print-icmp.c (icmp_print): `ICMP <text>, length N`, then at -v
// a checksum complaint, the quoted datagram re-printed by the IPv4 printer, and extensions.
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { IndexContext } from '../dissect/index-context.js';
import { isTruncated } from '../bytes/truncated.js';
import { checksumShouldBe, internetChecksum } from '../format/checksum.js';
import { ICMP_EXTD_MINLEN, isMultipartType, printMultipartExtension } from './icmp-ext.js';
import { ICMP_ECHO, ICMP_ECHOREPLY, ICMP_TSTAMP, ICMP_TSTAMPREPLY, icmpText } from './icmp-text.js';
import { addIcmpTree, ICMP_FIELDS } from './icmp-tree.js';

/** ICMP_ERRTYPE: the messages that quote the datagram that caused them. */
export function isErrorType(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

export const icmp: Dissector = {
  name: 'icmp',
  fields: ICMP_FIELDS,
  index(ctx: IndexContext, bp: number, length: number): void {
    const ix = ctx.index;
    const d = ctx.data;
    // ip_demux_print refuses ICMPv4 inside IPv6 (no icmp tree either).
    if (ix.ipVersion !== 4 || bp + 4 > ctx.end) return;
    // The ICMP message's length (header and data), what tcpdump prints as "length 64": the ladder shows it.
    ix.payloadLength = Math.max(0, length);
    ix.icmpType = d[bp]!;
    ix.icmpCode = d[bp + 1]!;
    // Echo id/sequence key the ping conversation (the flow table's "ports").
    if ((ix.icmpType === ICMP_ECHO || ix.icmpType === ICMP_ECHOREPLY) && bp + 8 <= ctx.end) {
      ix.icmpId = be16(ctx.data, bp + 4);
      ix.icmpSeq = be16(ctx.data, bp + 6);
    }
  },
  dissect(ctx: DissectContext, bp: number, plen: number): void {
    const f = ctx.frame;
    if (ctx.ip && ctx.ip.version !== 4) {
      // ip_demux_print refuses ICMPv4 inside IPv6.
      ctx.print('[ICMP requires IPv4]');
      ctx.printInvalid();
      return;
    }
    const type = f.u8(bp);
    const code = f.u8(bp + 1);
    ctx.facts.protocol = 'ICMP';
    if (!ctx.facts.icmp) {
      const hasIdSeq = type === ICMP_ECHO || type === ICMP_ECHOREPLY || type === ICMP_TSTAMP || type === ICMP_TSTAMPREPLY;
      ctx.facts.icmp = hasIdSeq && f.has(bp + 4, 4) ? { type, code, id: f.be16(bp + 4), seq: f.be16(bp + 6) } : { type, code };
    }
    const t = ctx.tree;
    const depth = t?.depth ?? 0;
    if (t) addIcmpTree(ctx, bp, plen, type, code);
    try {
      body(ctx, bp, plen, type, code);
    } finally {
      t?.closeTo(depth);
    }
  },
};

function body(ctx: DissectContext, bp: number, plen: number, type: number, code: number): void {
  const f = ctx.frame;
  const v = ctx.opts.verbose;
  ctx.print(`ICMP ${icmpText(f, bp, type, code)}, length ${plen}`);
  // No checksum for a fragment: the rest of the message is in other packets.
  if (v && !ctx.ip?.fragmented && f.has(bp, plen)) {
    const sum = internetChecksum(f.data, bp, plen);
    if (sum !== 0) {
      const icmpSum = f.be16(bp + 2);
      ctx.print(` (wrong icmp cksum ${icmpSum.toString(16)} (->${checksumShouldBe(icmpSum, sum).toString(16)})!)`);
      ctx.addExpert({ severity: 'warning', group: 'checksum', message: 'Bad ICMP checksum' }, bp + 2, 2);
    }
  }
  if (isErrorType(type)) quotedDatagram(ctx, bp + 8);
  if (v && plen > ICMP_EXTD_MINLEN && isMultipartType(type)) printMultipartExtension(ctx, bp, plen);
}

/**
 * The datagram quoted by an error message. At -v tcpdump re-prints it with ip_print on
 * its own line; without -v it is only decoded for the detail tree (output discarded).
 * Quoted TCP is not decoded silently: the TCP printer keeps per-connection state that
 * tcpdump would not touch without -v.
 */
function quotedDatagram(ctx: DissectContext, ip: number): void {
  const f = ctx.frame;
  const verbose = ctx.opts.verbose >= 1;
  if (!verbose && (!ctx.tree || !f.has(ip, 20) || f.u8(ip + 9) === 6)) return;
  const saved = saveFacts(ctx);
  const savedOut = ctx.out;
  const savedProtocol = ctx.protocol;
  try {
    if (verbose) ctx.print('\n\t');
    const ipLen = f.be16(ip + 2);
    // Wireshark puts the quoted IP header straight under the ICMP node (no wrapper item).
    // Extensions may follow the quoted datagram: the IP printer must not see them.
    f.pushEnd(ip + ipLen);
    try {
      // tcpdump reads ip_len again after narrowing: a length under 4 ends the line with [|icmp].
      f.be16(ip + 2);
      runInner(ctx, ip, ipLen, savedProtocol);
    } finally {
      f.popEnd();
    }
  } catch (e) {
    if (verbose || !isTruncated(e)) throw e;
    ctx.protocol = savedProtocol;
  } finally {
    restoreFacts(ctx, saved);
    if (!verbose) ctx.out = savedOut;
  }
}

/**
 * Header checks that end at a `trunc:` label and return in tcpdump, so ICMP goes on to
 * the extensions; other printers' failed GET_ macros longjmp out of the whole packet.
 */
const RETURNING_TRUNC = new Set(['ip', 'udp', 'tcp']);

/**
 * Runs the IPv4 printer on the quoted datagram. At -v a cut IP/UDP/TCP header is printed
 * here with that protocol's name and ICMP goes on; any other truncation ends the line.
 */
function runInner(ctx: DissectContext, ip: number, ipLen: number, icmpProtocol: string): void {
  try {
    ctx.run('ip', ip, ipLen);
  } catch (e) {
    if (!ctx.opts.verbose || !isTruncated(e) || !RETURNING_TRUNC.has(ctx.protocol)) throw e;
    ctx.printTrunc();
    ctx.protocol = icmpProtocol;
  }
}

type SavedFacts = Pick<DissectContext['facts'], 'protocol' | 'sport' | 'dport' | 'tcp' | 'truncated' | 'malformed'> & { readonly layers: number };

/**
 * The quoted datagram's layers must not become the packet's columns, flow keys or layers
 * (without -v it is decoded only when a tree is built: the facts must not depend on that).
 */
function saveFacts(ctx: DissectContext): SavedFacts {
  const x = ctx.facts;
  return { protocol: x.protocol, sport: x.sport, dport: x.dport, tcp: x.tcp, truncated: x.truncated, malformed: x.malformed, layers: x.layers.length };
}

function restoreFacts(ctx: DissectContext, s: SavedFacts): void {
  const x = ctx.facts;
  x.protocol = s.protocol;
  x.sport = s.sport;
  x.dport = s.dport;
  x.tcp = s.tcp;
  x.layers.length = s.layers;
  if (!ctx.opts.verbose) {
    x.truncated = s.truncated;
    x.malformed = s.malformed;
  }
}
