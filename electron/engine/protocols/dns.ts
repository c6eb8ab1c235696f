// Domain Name System: RFC 1035 (messages, TCP length prefix 4.2.2), RFC 6891 (EDNS0,
// extended RCODE), RFC 6762 (mDNS QU / cache-flush bits). The summary is tcpdump
// 4.99.3's print-domain.c domain_print, at -v (record names), -vv (all sections)
// and -vvv (TTLs). Helpers: dns-names.ts (names), dns-rr.ts (records), dns-types.ts
// (tables), dns-tree.ts (Wireshark detail tree).
import { be16 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { IndexContext } from '../dissect/index-context.js';
import { DNS_FIELDS, DNS_PROTOCOL } from './dns-fields.js';
import { nskip } from './dns-names.js';
import { qprint, rprint } from './dns-rr.js';
import { buildDnsTree } from './dns-tree.js';
import { NS_OPS, T_OPT, rcodeText } from './dns-types.js';

const HEADER_LEN = 12;
const OPCODE_IQUERY = 1;

/**
 * The rcode with the OPT record's extended bits (RFC 6891 6.1.3): tcpdump walks the
 * sections without printing to find the first OPT RR, giving up quietly anywhere.
 */
function extendedRcode(ctx: DissectContext, bp: number, counts: readonly number[], rcode: number): number {
  const f = ctx.frame;
  const [qd, an, ns, ar] = counts as [number, number, number, number];
  let cp: number | null = bp + HEADER_LEN;
  for (let i = 0; i < qd; i++) {
    if ((cp = nskip(f, cp)) === null) return rcode;
    cp += 4;
    if (cp >= f.snapend) return rcode;
  }
  for (let i = 0; i < an + ns; i++) {
    if ((cp = nskip(f, cp)) === null) return rcode;
    cp += 8;
    if (cp + 2 > f.snapend) return rcode;
    cp += 2 + f.be16(cp);
    if (cp >= f.snapend) return rcode;
  }
  for (let i = 0; i < ar; i++) {
    if ((cp = nskip(f, cp)) === null) return rcode;
    if (cp + 2 > f.snapend) return rcode;
    const type = f.be16(cp);
    cp += 4;
    if (cp + 1 > f.snapend) return rcode;
    if (type === T_OPT) return rcode | (f.u8(cp) << 4);
    cp += 4;
    if (cp + 2 > f.snapend) return rcode;
    cp += 2 + f.be16(cp);
    if (cp >= f.snapend) return rcode;
  }
  return rcode;
}

/**
 * Prints `count` records (`rprint` each, comma-separated) after `label`, as
 * domain_print's section loops do. Returns the new offset, or null for ` [|domain]`
 * (a record failed, or records remain when the capture ends).
 */
function section(ctx: DissectContext, cp: number, bp: number, mdns: boolean, count: number, label: string, first: boolean): number | null {
  const end = ctx.frame.snapend;
  if (count && (first || cp < end)) {
    ctx.print(label);
    let p = rprint(ctx, cp, bp, mdns);
    if (p === null) return null;
    count--;
    while (p < end && count) {
      ctx.print(',');
      p = rprint(ctx, p, bp, mdns);
      if (p === null) return null;
      count--;
    }
    cp = p;
  }
  return count ? null : cp;
}

/** domain_print over the message at `bp` of `length` bytes (after any TCP prefix). */
function printMessage(ctx: DissectContext, bp: number, length: number, mdns: boolean): boolean {
  const f = ctx.frame;
  const v = ctx.opts.verbose;
  f.check(bp, HEADER_LEN);
  const id = f.be16(bp);
  const flags = f.be16(bp + 2);
  const counts = [f.be16(bp + 4), f.be16(bp + 6), f.be16(bp + 8), f.be16(bp + 10)];
  let [qd, an, ns, ar] = counts as [number, number, number, number];
  const response = (flags & 0x8000) !== 0;
  const opcode = (flags >> 11) & 0xf;
  // The first DNS message of the frame (not one quoted later, e.g. inside an ICMP error).
  if (ctx.facts.dnsId === undefined) {
    ctx.facts.dnsId = id;
    ctx.facts.dnsResponse = response;
  }
  const rcode = extendedRcode(ctx, bp, counts, flags & 0xf);
  let cp: number | null = bp + HEADER_LEN;
  if (response) {
    ctx.print(`${id}${NS_OPS[opcode]}${rcodeText(rcode)}${flags & 0x400 ? '*' : ''}${flags & 0x80 ? '' : '-'}${flags & 0x200 ? '|' : ''}${flags & 0x20 ? '$' : ''}`);
    if (qd !== 1) ctx.print(` [${qd}q]`);
    for (let i = 0; i < qd; i++) {
      if (i !== 0) ctx.print(',');
      if (v > 1) {
        ctx.print(' q:');
        if ((cp = qprint(ctx, cp, bp, mdns)) === null) return false;
      } else {
        if ((cp = nskip(f, cp)) === null) return false;
        cp += 4;
      }
    }
    ctx.print(` ${an}/${ns}/${ar}`);
    if ((cp = section(ctx, cp, bp, mdns, an, '', true)) === null) return false;
    if (v > 1) {
      if ((cp = section(ctx, cp, bp, mdns, ns, ' ns:', false)) === null) return false;
      if ((cp = section(ctx, cp, bp, mdns, ar, ' ar:', false)) === null) return false;
    }
  } else {
    ctx.print(`${id}${NS_OPS[opcode]}${flags & 0x100 ? '+' : ''}${flags & 0x10 ? '%' : ''}`);
    // Bits a query should not have (AA, TC, RA, Z, RCODE).
    if (flags & 0x6cf) ctx.print(` [b2&3=0x${flags.toString(16)}]`);
    if (opcode === OPCODE_IQUERY) {
      if (qd) ctx.print(` [${qd}q]`);
      if (an !== 1) ctx.print(` [${an}a]`);
    } else {
      if (an) ctx.print(` [${an}a]`);
      if (qd !== 1) ctx.print(` [${qd}q]`);
    }
    if (ns) ctx.print(` [${ns}n]`);
    if (ar) ctx.print(` [${ar}au]`);
    if (qd) {
      if ((cp = qprint(ctx, cp, bp, mdns)) === null) return false;
      qd--;
      while (cp < f.snapend && qd) {
        if ((cp = qprint(ctx, cp, bp, mdns)) === null) return false;
        qd--;
      }
    }
    if (qd) return false;
    if (v > 1) {
      if ((cp = section(ctx, cp, bp, mdns, an, '', true)) === null) return false;
      if ((cp = section(ctx, cp, bp, mdns, ns, ' ns:', false)) === null) return false;
      if ((cp = section(ctx, cp, bp, mdns, ar, ' ar:', false)) === null) return false;
    }
  }
  ctx.print(` (${length})`);
  return true;
}

function domainPrint(ctx: DissectContext, offset: number, length: number, overTcp: boolean, mdns: boolean): void {
  // tcpdump's domain_print sets ndo_protocol itself, whatever port led here.
  ctx.protocol = 'domain';
  const f = ctx.frame;
  let bp = offset;
  if (overTcp) {
    // RFC 1035 4.2.2: a two-byte length prefix, which must match the segment.
    if (length < 2) {
      ctx.print(` [DNS over TCP: length ${length} < 2]`);
      ctx.printInvalid();
      return;
    }
    length -= 2;
    const prefix = f.be16(bp);
    if (prefix !== length) {
      ctx.print(` [prefix length(${prefix}) != length(${length})]`);
      ctx.printInvalid();
      return;
    }
    bp += 2;
    ctx.print(' ');
  }
  // Wireshark's Protocol column (a TCP segment without a whole message stays "TCP").
  ctx.facts.protocol = mdns ? 'MDNS' : 'DNS';
  if (ctx.tree) buildDnsTree(ctx, offset, bp, length, overTcp, mdns);
  if (length < HEADER_LEN) {
    ctx.print(`domain [length ${length} < ${HEADER_LEN}]`);
    ctx.printInvalid();
    return;
  }
  if (!printMessage(ctx, bp, length, mdns)) ctx.printTrunc();
}

/** Index mode: the header fields a transaction needs (id, QR, RCODE) of the message at `bp`. */
function indexHeader(ctx: IndexContext, bp: number): void {
  const ix = ctx.index;
  // The whole header is captured, so the tree mode got here too and opened `dns`.
  ix.put(DNS_PROTOCOL, 1);
  ix.dnsId = be16(ctx.data, bp);
  ix.dnsQr = ctx.data[bp + 2]! >> 7;
  ix.dnsRcode = ctx.data[bp + 3]! & 15;
}

/** DNS over UDP (port 53). */
export const dns: Dissector = {
  name: 'domain',
  fields: DNS_FIELDS,
  index(ctx, offset, length) {
    if (length >= HEADER_LEN && offset + HEADER_LEN <= ctx.end) indexHeader(ctx, offset);
  },
  dissect(ctx, offset, length) {
    domainPrint(ctx, offset, length, false, false);
  },
};

/** DNS over TCP (port 53): the message follows a two-byte length; tcpdump's TCP printer hands it over right after `length N`. */
export const dnsTcp: Dissector = {
  name: 'domain-tcp',
  fields: DNS_FIELDS,
  index(ctx, offset, length) {
    // Only a segment that holds one whole length-prefixed message, so a segment from the
    // middle of a stream is never read as a header.
    if (length >= 2 + HEADER_LEN && offset + 2 + HEADER_LEN <= ctx.end && be16(ctx.data, offset) === length - 2) indexHeader(ctx, offset + 2);
  },
  dissect(ctx, offset, length) {
    domainPrint(ctx, offset, length, true, false);
  },
};

/** Multicast DNS (UDP port 5353): the same printer with the mDNS class bits (no transactions: no index mode). */
export const mdns: Dissector = {
  name: 'mdns',
  fields: DNS_FIELDS,
  dissect(ctx, offset, length) {
    domainPrint(ctx, offset, length, false, true);
  },
};
