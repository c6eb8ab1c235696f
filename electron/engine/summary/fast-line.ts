// The byte-writing fast path of `ackline read`: the common Ethernet/IPv4 TCP and UDP lines
// written straight into the output bytes, with no string, view or object per packet.
//
// It mirrors ethernet.ts -> ipv4.ts -> tcp.ts/udp.ts (-> http.ts) at tcpdump's default
// verbosity, and only where they print a plain line. Every condition under which those
// printers print anything else (a truncation, a bad length, an unusual option, a payload
// printer other than HTTP's plain `: HTTP`) makes print() return -1 before any state is
// touched: the caller then discards the bytes written and runs the full printers, which
// print that packet exactly as before. tcpdump's relative sequence numbers live in the
// TcpSeqTable both paths share, changed only once the fast path knows it prints the line.
// Bytes are read straight from the array, never past what an explicit check against the
// captured end (`snapend`, narrowed to the IP length as ipv4.ts narrows it) allowed: where
// the full printers' bounds-checked reads would stop, the fast path hands the packet back.
import type { PrintOptions } from '../dissect/print-options.js';
import type { Registry } from '../dissect/registry.js';
import { ethernet } from '../protocols/ethernet.js';
import { HTTP_METHODS, http } from '../protocols/http.js';
import { ipv4 } from '../protocols/ipv4.js';
import { tcp } from '../protocols/tcp.js';
import { LINKTYPE_ETHERNET } from '../../capfile/linktypes.js';
import { ETHERTYPE_IPV4 } from '../format/ethertypes.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../format/ipprotos.js';
import { tcpFlagString } from '../protocols/tcp-flags.js';
import type { SeqEntry, TcpSeqTable } from '../protocols/tcp-seq-table.js';
import { udp } from '../protocols/udp.js';
import { dns } from '../protocols/dns.js';
import { FastDnsPrinter } from './fast-dns.js';
import { ascii, putBytes, putIpv4, putUint } from './byte-format.js';
import {
  putAckText, putColon, putEcrText, putEol, putFlagsText, putGt, putHttpText, putIpText, putLengthText, putMssText,
  putNop, putOptionsText, putSackOk, putSackText, putSeqText, putTsText, putUdpText, putUrgText, putWinText, putWscaleText,
} from './fast-text.js';

/** The most bytes print() writes for one packet (addresses, numbers, 40 option bytes as text). */
export const FAST_LINE_MAX = 1024;

/** Slots of the address text cache, and bytes per slot (the longest text is 50). */
const TEXT_SLOTS = 1024;
const TEXT_SLOT = 64;

const TH_FIN = 0x01;
const TH_SYN = 0x02;
const TH_RST = 0x04;
const TH_ACK = 0x10;
const TH_URG = 0x20;

/** The letters of `Flags [S.]` for every flags byte. */
const FLAG_LETTERS = Array.from({ length: 256 }, (_, f) => ascii(tcpFlagString(f)));
const METHODS = HTTP_METHODS.map(ascii);

const be16 = (d: Uint8Array, o: number): number => (d[o]! << 8) | d[o + 1]!;
const be32 = (d: Uint8Array, o: number): number => ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;

export class FastLinePrinter {
  /** The table entry print() found (or null for a new tuple), and whether it restarts it. */
  private entry: SeqEntry | null = null;
  private restart = false;
  /**
   * The bases, kept as int32 (`| 0`; read back with `>>> 0`): a uint32 above 2^31 stored in
   * a field that held small integers changes the object's field representation, which
   * throws away the optimized code of every method (`wrong map` deopts and recompiles: about
   * 30 ms of warm-up on perf-1m).
   */
  private thseq = 0;
  private thack = 0;
  /** fetchToken's result: the token's first byte and length. */
  private tokenAt = 0;
  private tokenLen = 0;
  /** Where the line being printed must end (FAST_LINE_MAX after its start), for long DNS lines. */
  private limit = 0;
  private readonly dns = new FastDnsPrinter();
  /** addresses()'s text cache: per slot the tuple (src, dst, ports), its text and its length (0: empty). */
  private readonly textKeys = new Int32Array(TEXT_SLOTS * 3);
  private readonly texts = new Uint8Array(TEXT_SLOTS * TEXT_SLOT);
  private readonly textLen = new Uint8Array(TEXT_SLOTS);
  private readonly textView = new DataView(this.texts.buffer);
  /** The output array and a DataView of it, for copies four bytes at a time. */
  private out: Uint8Array | null = null;
  private outView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  private constructor(
    private readonly registry: Registry,
    private readonly absoluteSeq: boolean,
    private readonly seq: TcpSeqTable,
  ) {}

  /**
   * A fast path for these options and protocol bindings, or null when it would not print
   * what the registry's printers print (other verbosity, -e, -q, other dissectors bound).
   */
  static create(registry: Registry, opts: PrintOptions, seq: TcpSeqTable): FastLinePrinter | null {
    if (opts.verbose !== 0 || opts.eflag || opts.qflag) return null;
    const bound =
      registry.lookup('linktype', 1) === ethernet &&
      registry.lookup('ethertype', ETHERTYPE_IPV4) === ipv4 &&
      registry.lookup('ipproto', 6) === tcp &&
      registry.lookup('ipproto', 17) === udp;
    return bound ? new FastLinePrinter(registry, opts.absoluteSeq, seq) : null;
  }

  /**
   * Writes the line of the frame `d[start, start + caplen)` (captured bytes; `wirelen` on
   * the wire) after its timestamp at `b[p]`, and returns the end; or -1, having changed no
   * state, when the full printers must print it. Needs FAST_LINE_MAX bytes of room. The
   * frame is read in place (every offset below is absolute), so no view is made per packet.
   */
  print(d: Uint8Array, start: number, caplen: number, wirelen: number, linktype: number, b: Uint8Array, p: number): number {
    // ethernet.ts: an untagged Ethernet II frame carrying IPv4, with a 20-byte IP header captured.
    if (linktype !== LINKTYPE_ETHERNET || caplen < 34 || wirelen < 34 || be16(d, start + 12) !== ETHERTYPE_IPV4) return -1;
    // ipv4.ts: version 4, sane lengths, not a fragment.
    const bp = start + 14;
    const vhl = d[bp]!;
    const hlen = (vhl & 0x0f) * 4;
    if (vhl >> 4 !== 4 || hlen < 20) return -1;
    const len = be16(d, bp + 2);
    // Total length beyond the frame ("truncated-ip - N bytes missing!") or below the header.
    if (wirelen - 14 < len || len < hlen) return -1;
    if (be16(d, bp + 6) & 0x3fff) return -1;
    // The IP layer narrows the readable bytes to its total length (nd_push_snaplen).
    const snapend = Math.min(start + caplen, bp + len);
    if (bp + hlen > snapend) return -1;
    const proto = d[bp + 9]!;
    this.limit = p + FAST_LINE_MAX - 16;
    if (proto === IPPROTO_TCP) return this.tcp(d, bp, bp + hlen, len - hlen, snapend, b, p);
    if (proto === IPPROTO_UDP) return this.udp(d, bp, bp + hlen, len - hlen, snapend, b, p);
    return -1;
  }

  /**
   * `IP src.sport > dst.dport: `, copied from the text cache when this tuple's text is
   * there: formatting two addresses and two ports was ~18% of a line, and a tuple's packets
   * come in runs (a connection, its replies). Slot by a hash of the tuple, one text per slot.
   */
  private addresses(d: Uint8Array, ip: number, sport: number, dport: number, b: Uint8Array, p: number): number {
    const src = be32(d, ip + 12) | 0;
    const dst = be32(d, ip + 16) | 0;
    const ports = (sport << 16) | dport;
    let h = Math.imul(src ^ Math.imul(dst, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(ports, 0xc2b2ae35);
    h = (h ^ (h >>> 15)) & (TEXT_SLOTS - 1);
    const keys = this.textKeys;
    const k = h * 3;
    const text = this.texts;
    const t = h * TEXT_SLOT;
    if (keys[k] === src && keys[k + 1] === dst && keys[k + 2] === ports && this.textLen[h] !== 0) {
      const n = this.textLen[h]!;
      // Four bytes per store (the bytes past n are overwritten by what follows).
      if (this.out !== b) this.view(b);
      const to = this.outView;
      const from = this.textView;
      for (let i = 0; i < n; i += 4) to.setInt32(p + i, from.getInt32(t + i, true), true);
      return p + n;
    }
    const start = p;
    p = this.formatAddresses(d, ip, sport, dport, b, p);
    keys[k] = src;
    keys[k + 1] = dst;
    keys[k + 2] = ports;
    this.textLen[h] = p - start;
    for (let i = start; i < p; i++) text[t + i - start] = b[i]!;
    return p;
  }

  private view(b: Uint8Array): void {
    this.out = b;
    this.outView = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  private formatAddresses(d: Uint8Array, ip: number, sport: number, dport: number, b: Uint8Array, p: number): number {
    p = putIpText(b, p);
    p = putIpv4(b, p, d, ip + 12);
    b[p++] = 46;
    p = putUint(b, p, sport);
    p = putGt(b, p);
    p = putIpv4(b, p, d, ip + 16);
    b[p++] = 46;
    p = putUint(b, p, dport);
    return putColon(b, p);
  }

  /** tcp.ts at default verbosity, for a header captured whole. */
  private tcp(d: Uint8Array, ip: number, bp: number, length: number, snapend: number, b: Uint8Array, p: number): number {
    if (bp + 20 > snapend) return -1;
    const thl = (d[bp + 12]! >> 4) * 4;
    // A bad header length, or options not all captured: tcp.ts prints those.
    if (thl < 20 || thl > length || bp + thl > snapend) return -1;
    const sport = be16(d, bp);
    const dport = be16(d, bp + 2);
    let seq = be32(d, bp + 4);
    let ack = be32(d, bp + 8);
    const flags = d[bp + 13]!;
    p = this.addresses(d, ip, sport, dport, b, p);
    p = putBytes(b, putFlagsText(b, p), FLAG_LETTERS[flags]!);
    b[p++] = 93;
    let rev = false;
    let thseq = 0;
    let thack = 0;
    const relative = !this.absoluteSeq && (flags & TH_ACK) !== 0;
    if (relative) {
      rev = this.lookUp(d, ip, sport, dport, flags, seq, ack);
      thseq = this.thseq >>> 0;
      thack = this.thack >>> 0;
      if (!this.restart) {
        seq = (seq - (rev ? thack : thseq)) >>> 0;
        ack = (ack - (rev ? thseq : thack)) >>> 0;
      }
    }
    const plen = length - thl;
    if (plen > 0 || flags & (TH_SYN | TH_FIN | TH_RST)) {
      p = putSeqText(b, p);
      p = putUint(b, p, seq);
      if (plen > 0) {
        b[p++] = 58;
        p = putUint(b, p, (seq + plen) >>> 0);
      }
    }
    if (flags & TH_ACK) p = putUint(b, putAckText(b, p), ack);
    p = putUint(b, putWinText(b, p), be16(d, bp + 14));
    if (flags & TH_URG) p = putUint(b, putUrgText(b, p), be16(d, bp + 18));
    if (thl > 20) {
      p = this.options(d, bp + 20, thl - 20, rev ? thseq : thack, b, p);
      if (p < 0) return -1;
    }
    p = putUint(b, putLengthText(b, p), plen);
    if (plen > 0) {
      const printer = this.registry.lookupPorts('tcpport', sport, dport);
      if (printer) {
        if (printer !== http || this.httpFirstLinePrinted(d, bp + thl, plen, snapend)) return -1;
        p = putHttpText(b, p);
      }
    }
    // The line is ours: now update tcpdump's table as tcp.ts would have.
    if (relative) this.commit();
    return p;
  }

  /**
   * tcp.ts's table lookup for a segment with ACK: sets `entry`, `restart` and the bases
   * `thseq`/`thack` the line is printed against; returns `rev` (the tuple is keyed from the
   * destination). Changes nothing in the table (commit() does).
   */
  private lookUp(d: Uint8Array, ip: number, sport: number, dport: number, flags: number, seq: number, ack: number): boolean {
    let rev = false;
    if (sport > dport) rev = true;
    else if (sport === dport) rev = compareAddresses(d, ip + 12, ip + 16) > 0;
    const t = this.seq;
    if (rev) t.setKey(4, d, ip + 16, d, ip + 12, dport, sport);
    else t.setKey(4, d, ip + 12, d, ip + 16, sport, dport);
    const e = t.find() ?? null;
    this.entry = e;
    this.restart = e === null || (flags & TH_SYN) !== 0;
    if (this.restart) {
      this.thseq = rev ? (ack - 1) | 0 : seq | 0;
      this.thack = rev ? seq | 0 : (ack - 1) | 0;
    } else {
      this.thseq = e!.seq | 0;
      this.thack = e!.ack | 0;
    }
    return rev;
  }

  /** Stores what lookUp() found in the table, as seqEntry() in tcp.ts does. */
  private commit(): void {
    const e = this.entry;
    if (e === null) this.seq.add({ seq: this.thseq >>> 0, ack: this.thack >>> 0, fresh: true });
    else {
      e.fresh = this.restart;
      if (this.restart) {
        e.seq = this.thseq >>> 0;
        e.ack = this.thack >>> 0;
      }
    }
    this.entry = null;
  }

  /** udp.ts at default verbosity, for ports without a payload printer and for DNS. */
  private udp(d: Uint8Array, ip: number, bp: number, length: number, snapend: number, b: Uint8Array, p: number): number {
    if (length < 8 || bp + 8 > snapend) return -1;
    const ulen = be16(d, bp + 4) - 8;
    // A length field below 8, or beyond the IP payload ("bad length"): udp.ts prints those.
    if (ulen < 0 || ulen > length - 8) return -1;
    const sport = be16(d, bp);
    const dport = be16(d, bp + 2);
    const printer = this.registry.lookupPorts('udpport', sport, dport);
    if (printer === dns) {
      // udp.ts hands DNS the datagram's payload (ulen bytes: never more than the IP payload here).
      p = this.addresses(d, ip, sport, dport, b, p);
      return this.dns.print(d, bp + 8, ulen, snapend, b, p, this.limit);
    }
    if (printer) return -1;
    p = this.addresses(d, ip, sport, dport, b, p);
    return putUint(b, putUdpText(b, p), ulen);
  }

  /**
   * tcp-options.ts for the options of an ordinary connection (eol, nop, mss, wscale, sackOK,
   * sack, TS, each of its usual length); -1 for anything else. `base` is what SACK edges
   * are printed relative to.
   */
  private options(d: Uint8Array, cp: number, hlen: number, base: number, b: Uint8Array, p: number): number {
    p = putOptionsText(b, p);
    let first = true;
    while (hlen > 0) {
      if (!first) b[p++] = 44;
      first = false;
      const opt = d[cp]!;
      if (opt === 0 || opt === 1) {
        p = opt === 0 ? putEol(b, p) : putNop(b, p);
        cp++;
        hlen--;
        if (opt === 0) break;
        continue;
      }
      if (hlen < 2) return -1;
      const len = d[cp + 1]!;
      if (len < 2 || len > hlen) return -1;
      const v = cp + 2;
      switch (opt) {
        case 2:
          if (len !== 4) return -1;
          p = putUint(b, putMssText(b, p), be16(d, v));
          break;
        case 3:
          if (len !== 3) return -1;
          p = putUint(b, putWscaleText(b, p), d[v]!);
          break;
        case 4:
          if (len !== 2) return -1;
          p = putSackOk(b, p);
          break;
        case 5: {
          const n = len - 2;
          if (n % 8 !== 0) return -1;
          p = putUint(b, putSackText(b, p), n / 8);
          b[p++] = 32;
          for (let i = 0; i < n; i += 8) {
            b[p++] = 123;
            p = putUint(b, p, (be32(d, v + i) - base) >>> 0);
            b[p++] = 58;
            p = putUint(b, p, (be32(d, v + i + 4) - base) >>> 0);
            b[p++] = 125;
          }
          break;
        }
        case 8:
          if (len !== 10) return -1;
          p = putUint(b, putTsText(b, p), be32(d, v));
          p = putUint(b, putEcrText(b, p), be32(d, v + 4));
          break;
        default:
          return -1;
      }
      cp += len;
      hlen -= len;
    }
    b[p++] = 93;
    return p;
  }

  /**
   * True when txtproto_print would print the payload's first line after `: HTTP` (a request
   * method, or a 3-digit status as second token): http.ts prints those lines.
   */
  private httpFirstLinePrinted(d: Uint8Array, at: number, len: number, snapend: number): boolean {
    const idx = this.fetchToken(d, at, 0, len, snapend);
    if (idx === 0) return false;
    if (this.tokenIsMethod(d)) return true;
    if (this.fetchToken(d, at, idx, len, snapend) === 0) return false;
    const t = this.tokenAt;
    return this.tokenLen === 3 && isDigit(d[t]!) && isDigit(d[t + 1]!) && isDigit(d[t + 2]!);
  }

  /** text-protocol.ts fetchToken, on the bytes: the index after the token and its blanks, or 0. */
  private fetchToken(d: Uint8Array, at: number, idx: number, len: number, snapend: number): number {
    const start = idx;
    for (; idx < len; idx++) {
      if (at + idx >= snapend) return 0;
      const c = d[at + idx]!;
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) break;
      if (c < 0x20 || c > 0x7e) return 0;
      if (idx - start + 2 > 129) return 0;
    }
    if (idx === start) return 0;
    this.tokenAt = at + start;
    this.tokenLen = idx - start;
    for (; idx < len; idx++) {
      if (at + idx >= snapend) break;
      const c = d[at + idx]!;
      if (c !== 0x20) break;
    }
    return idx;
  }

  /** The token fetchToken found is an HTTP method, compared upper-cased. */
  private tokenIsMethod(d: Uint8Array): boolean {
    const t = this.tokenAt;
    const n = this.tokenLen;
    for (const m of METHODS) {
      if (m.length !== n) continue;
      let i = 0;
      while (i < n && upper(d[t + i]!) === m[i]) i++;
      if (i === n) return true;
    }
    return false;
  }
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const upper = (c: number): number => (c >= 0x61 && c <= 0x7a ? c - 32 : c);

/** compareBytes of tcp.ts on two IPv4 addresses in one frame. */
function compareAddresses(d: Uint8Array, a: number, b: number): number {
  for (let i = 0; i < 4; i++) if (d[a + i] !== d[b + i]) return d[a + i]! - d[b + i]!;
  return 0;
}
