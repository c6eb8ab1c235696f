// The fast path's DNS lines (UDP port 53): dns.ts's domain_print at tcpdump's default
// verbosity, written straight into the output bytes for the messages of ordinary lookups.
//
// On real traffic DNS is the common line the other fast printers leave to the full
// printers, and printing it there costs about ten times a TCP line (strings, a result
// object per packet) plus, once per run, the warm-up of the whole dissector stack.
//
// It mirrors dns.ts -> dns-names.ts / dns-rr.ts and only where they print a plain line:
// opcode QUERY, one question, class IN, names of printable labels (compression pointers
// followed as fqdnPrint follows them), answers whose data is an address, a name or nothing
// at this verbosity. Anything else (a truncation, a bad pointer, an escape in a label, OPT
// in the answers, TXT/SRV/..., a long line) returns -1 before anything but the output
// bytes is touched, and the full printers print the packet. Every read is checked against
// `snapend` first, where the full printers' reads would stop.
import { ipv6String } from '../format/addresses.js';
import { T_A, T_AAAA, T_CNAME, T_DNAME, T_MX, T_NS, T_OPT, T_PTR, T_SOA, T_TSIG, rcodeText, typeText } from '../protocols/dns-types.js';
import { ascii, putBytes, putIpv4, putLatin1, putUint } from './byte-format.js';

const HEADER_LEN = 12;
/** RFC 1035 MAXCDNAME, as fqdnPrint counts it (labels plus their dots). */
const MAXCDNAME = 255;
/** The most bytes one answer adds (` `, a type name, ` `, a name of MAXCDNAME, ` 65535`). */
const RR_MAX = 300;

/** A query's other counts: ` [2a]`, ` [1n]`, ` [1au]`. */
const OPEN = ascii(' [');
const AN_CLOSE = ascii('a]');
const NS_CLOSE = ascii('n]');
const AR_CLOSE = ascii('au]');

const be16 = (d: Uint8Array, o: number): number => (d[o]! << 8) | d[o + 1]!;

/** rcodeText as bytes, made the first time an rcode is met (12 bits with EDNS). */
const RCODE = new Array<Uint8Array | undefined>(4096);
/** typeText as bytes, made the first time a type is met. */
const TYPE = new Map<number, Uint8Array>();

function rcodeBytes(rcode: number): Uint8Array {
  return (RCODE[rcode] ??= ascii(rcodeText(rcode)));
}

function typeBytes(t: number): Uint8Array {
  let b = TYPE.get(t);
  if (b === undefined) TYPE.set(t, (b = ascii(typeText(t))));
  return b;
}

/** A label byte fqdnPrint would not take as a plain label or a pointer (EDNS0 or reserved). */
const oddLabel = (i: number): boolean => (i & 0xc0) === 0x40 || (i & 0xc0) === 0x80;

/** dns-names.ts nskip: the offset after the name at `cp`, or -1 (its null). */
function nskip(d: Uint8Array, cp: number, snapend: number): number {
  if (cp + 1 > snapend) return -1;
  let i = d[cp]!;
  cp++;
  while (i) {
    switch (i & 0xc0) {
      case 0xc0:
        return cp + 1;
      case 0x40: {
        if ((i & 0x3f) !== 1) return -1;
        if (cp + 1 > snapend) return -1;
        const bitlen = d[cp]! || 256;
        cp++;
        cp += Math.floor((bitlen + 7) / 8);
        break;
      }
      case 0x80:
        return -1;
      default:
        cp += i;
    }
    if (cp + 1 > snapend) return -1;
    i = d[cp]!;
    cp++;
  }
  return cp;
}

/** dns.ts extendedRcode: the rcode with the first OPT record's extended bits. */
function extendedRcode(d: Uint8Array, bp: number, snapend: number, qd: number, an: number, ns: number, ar: number, rcode: number): number {
  let cp = bp + HEADER_LEN;
  for (let i = 0; i < qd; i++) {
    if ((cp = nskip(d, cp, snapend)) < 0) return rcode;
    cp += 4;
    if (cp >= snapend) return rcode;
  }
  for (let i = 0; i < an + ns; i++) {
    if ((cp = nskip(d, cp, snapend)) < 0) return rcode;
    cp += 8;
    if (cp + 2 > snapend) return rcode;
    cp += 2 + be16(d, cp);
    if (cp >= snapend) return rcode;
  }
  for (let i = 0; i < ar; i++) {
    if ((cp = nskip(d, cp, snapend)) < 0) return rcode;
    if (cp + 2 > snapend) return rcode;
    const type = be16(d, cp);
    cp += 4;
    if (cp + 1 > snapend) return rcode;
    if (type === T_OPT) return rcode | (d[cp]! << 4);
    cp += 4;
    if (cp + 2 > snapend) return rcode;
    cp += 2 + be16(d, cp);
    if (cp >= snapend) return rcode;
  }
  return rcode;
}

export class FastDnsPrinter {
  /** The output position after the last name written by name(). */
  private q = 0;

  /**
   * Writes the DNS message at `d[bp, bp + length)` (its UDP payload; readable up to
   * `snapend`) at `b[p]`, and returns the end; -1 when the full printers must print it.
   * Writes nothing at or past `limit`.
   */
  print(d: Uint8Array, bp: number, length: number, snapend: number, b: Uint8Array, p: number, limit: number): number {
    if (length < HEADER_LEN || bp + HEADER_LEN > snapend) return -1;
    const id = be16(d, bp);
    const flags = be16(d, bp + 2);
    const qd = be16(d, bp + 4);
    const an = be16(d, bp + 6);
    const ns = be16(d, bp + 8);
    const ar = be16(d, bp + 10);
    // opcode QUERY and one question: other opcodes and counts print more.
    if ((flags & 0x7800) !== 0 || qd !== 1) return -1;
    let cp = bp + HEADER_LEN;
    p = putUint(b, p, id);
    if (flags & 0x8000) {
      p = putBytes(b, p, rcodeBytes(extendedRcode(d, bp, snapend, qd, an, ns, ar, flags & 0xf)));
      if (flags & 0x400) b[p++] = 42; // *
      if (!(flags & 0x80)) b[p++] = 45; // -
      if (flags & 0x200) b[p++] = 124; // |
      if (flags & 0x20) b[p++] = 36; // $
      // The question is skipped at this verbosity.
      if ((cp = nskip(d, cp, snapend)) < 0) return -1;
      cp += 4;
      b[p++] = 32;
      p = putUint(b, p, an);
      b[p++] = 47;
      p = putUint(b, p, ns);
      b[p++] = 47;
      p = putUint(b, p, ar);
      // dns.ts section(): the answers, comma-separated, while the capture lasts.
      let count = an;
      if (count) {
        let r = cp;
        do {
          if (count !== an) b[p++] = 44;
          if (p + RR_MAX > limit) return -1;
          this.q = p;
          if ((r = this.answer(d, r, bp, snapend, b)) < 0) return -1;
          p = this.q;
          count--;
        } while (r < snapend && count);
        if (count) return -1;
      }
    } else {
      if (flags & 0x100) b[p++] = 43; // +
      if (flags & 0x10) b[p++] = 37; // %
      // Bits a query should not have: dns.ts prints them.
      if (flags & 0x6cf) return -1;
      if (an) p = putBytes(b, putUint(b, putBytes(b, p, OPEN), an), AN_CLOSE);
      if (ns) p = putBytes(b, putUint(b, putBytes(b, p, OPEN), ns), NS_CLOSE);
      if (ar) p = putBytes(b, putUint(b, putBytes(b, p, OPEN), ar), AR_CLOSE);
      // dns-rr.ts qprint: ` TYPE? name.`
      const after = nskip(d, cp, snapend);
      if (after < 0 || after + 4 > snapend) return -1;
      if (be16(d, after + 2) !== 1) return -1; // a class other than IN is printed
      b[p++] = 32;
      p = putBytes(b, p, typeBytes(be16(d, after)));
      b[p++] = 63;
      b[p++] = 32;
      this.q = p;
      if (!this.name(d, cp, bp, snapend, b)) return -1;
      p = this.q;
    }
    b[p++] = 32;
    b[p++] = 40;
    p = putUint(b, p, length);
    b[p++] = 41;
    return p;
  }

  /**
   * dns-rr.ts rprint at default verbosity: ` TYPE data` at b[q]; returns the offset after
   * the record's data, or -1.
   */
  private answer(d: Uint8Array, cp: number, bp: number, snapend: number, b: Uint8Array): number {
    const at = nskip(d, cp, snapend);
    // (rprint returns snapend there, which ends the section early: left to dns.ts.)
    if (at < 0 || at + 10 > snapend) return -1;
    const typ = be16(d, at);
    if (typ === T_OPT || be16(d, at + 2) !== 1) return -1;
    const len = be16(d, at + 8);
    cp = at + 10;
    if (cp + len > snapend) return -1;
    let q = this.q;
    b[q++] = 32;
    q = putBytes(b, q, typeBytes(typ));
    switch (typ) {
      case T_A:
        if (cp + 4 > snapend) return -1;
        b[q++] = 32;
        q = putIpv4(b, q, d, cp);
        break;
      case T_AAAA:
        if (cp + 16 > snapend) return -1;
        b[q++] = 32;
        q = putLatin1(b, q, ipv6String(d, cp));
        break;
      case T_NS:
      case T_CNAME:
      case T_PTR:
      case T_DNAME:
        b[q++] = 32;
        this.q = q;
        if (!this.name(d, cp, bp, snapend, b)) return -1;
        q = this.q;
        break;
      case T_MX:
        b[q++] = 32;
        if (cp + 2 > snapend) return -1;
        this.q = q;
        if (!this.name(d, cp + 2, bp, snapend, b)) return -1;
        q = this.q;
        b[q++] = 32;
        q = putUint(b, q, be16(d, cp));
        break;
      // Only the type name at this verbosity.
      case T_SOA:
      case T_TSIG:
        break;
      default:
        // The other types rprint prints data for (TXT, SRV, A6, URI, UNSPECA): dns-rr.ts.
        if (typ === 16 || typ === 33 || typ === 38 || typ === 256 || typ === 104) return -1;
    }
    this.q = q;
    return cp + len;
  }

  /**
   * dns-names.ts fqdnPrint for a name of printable plain labels (pointers relative to
   * `bp`, the message): writes it at b[q]; false when fqdnPrint would print anything else.
   * (Where the name ends is of no use here: the lines printed need nothing after it.)
   */
  private name(d: Uint8Array, cp: number, bp: number, snapend: number, b: Uint8Array): boolean {
    let q = this.q;
    if (cp + 1 > snapend) return false;
    let i = d[cp]!;
    if (oddLabel(i)) return false;
    // Pointers must move backwards from here (fqdnPrint's maxOffset).
    let maxOffset = cp - bp;
    cp++;
    if (i === 0) {
      b[q] = 46;
      this.q = q + 1;
      return true;
    }
    let chars = 0;
    while (i && cp < snapend) {
      if ((i & 0xc0) === 0xc0) {
        if (cp + 1 > snapend) return false;
        const offset = ((i << 8) | d[cp]!) & 0x3fff;
        if (offset >= maxOffset) return false; // <BAD PTR>
        maxOffset = offset;
        cp = bp + offset;
        if (cp + 1 > snapend) return false;
        i = d[cp]!;
        if (oddLabel(i)) return false;
        cp++;
        continue;
      }
      // A plain label of i bytes, then its dot; within MAXCDNAME (else <DOMAIN NAME TOO LONG>).
      chars += i + 1;
      if (chars > MAXCDNAME || cp + i > snapend) return false;
      for (let k = 0; k < i; k++) {
        const c = d[cp + k]!;
        // fn_print_char escapes (M-x, ^X): left to dns-names.ts.
        if (c < 0x20 || c > 0x7e) return false;
        b[q + k] = c;
      }
      q += i;
      b[q++] = 46;
      cp += i;
      if (cp + 1 > snapend) return false;
      i = d[cp]!;
      if (oddLabel(i)) return false;
      cp++;
    }
    // The capture ended inside the name: fqdnPrint prints what it has.
    if (i !== 0) return false;
    this.q = q;
    return true;
  }
}
