// DNS domain names (RFC 1035 section 4.1.4 compression, RFC 2673 bit-string labels),
// printed as tcpdump 4.99's print-domain.c does (ns_nskip, labellen, blabel_print,
// fqdn_print, ns_cprint). Not a dissector: a helper of dns.ts / dns-rr.ts.
//
// Offsets stand for tcpdump's pointers: `null` is its NULL ("give up, caller prints
// [|domain]"); reads through `f.u8` may throw Truncated like its GET_ macros.
//
// Compression loops cannot hang: like tcpdump, every pointer must point strictly
// before the previous one (`<BAD PTR>` otherwise), so a name follows at most 16384
// pointers; MAX_HOPS caps it again in case that rule is ever relaxed.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Frame } from '../bytes/frame.js';

const TYPE_MASK = 0xc0;
const TYPE_INDIR = 0xc0;
const TYPE_RESERVED = 0x80;
const TYPE_EDNS0 = 0x40;
const EDNS0_ELT_BITLABEL = 0x01;
/** RFC 1035 MAXCDNAME: longest (compressed) domain name tcpdump prints. */
const MAXCDNAME = 255;
const MAX_HOPS = 0x4000;

/** tcpdump's fn_print_char: `M-` for bytes >= 0x80, `^X` for control characters. */
export function charText(c: number): string {
  let s = '';
  if (c >= 0x80) {
    c &= 0x7f;
    s = 'M-';
  }
  if (c < 0x20 || c > 0x7e) {
    c ^= 0x40;
    s += '^';
  }
  return s + String.fromCharCode(c);
}

/**
 * tcpdump's nd_printn(cp, n, snapend): prints up to `n` bytes, stopping at the end of
 * the captured bytes. Returns true when it stopped short (tcpdump returns 1).
 */
export function printN(ctx: DissectContext, cp: number, n: number): boolean {
  const f = ctx.frame;
  const d = f.data;
  let s = '';
  while (n > 0 && cp < f.snapend) {
    n--;
    s += charText(d[cp]!);
    cp++;
  }
  ctx.print(s);
  return n !== 0;
}

/** ns_nskip: the offset after the name at `cp`, without printing; null if it cannot be skipped. */
export function nskip(f: Frame, cp: number): number | null {
  if (!f.has(cp, 1)) return null;
  let i = f.u8(cp);
  cp++;
  while (i) {
    switch (i & TYPE_MASK) {
      case TYPE_INDIR:
        return cp + 1;
      case TYPE_EDNS0: {
        if ((i & ~TYPE_MASK) !== EDNS0_ELT_BITLABEL) return null; // unknown ELT
        if (!f.has(cp, 1)) return null;
        const bitlen = f.u8(cp) || 256;
        cp++;
        cp += Math.floor((bitlen + 7) / 8);
        break;
      }
      case TYPE_RESERVED:
        return null;
      default:
        cp += i;
    }
    if (!f.has(cp, 1)) return null;
    i = f.u8(cp);
    cp++;
  }
  return cp;
}

/** labellen: bytes of the label at `cp` after its first byte; -1 (after printing why) if unusable. */
function labelLen(ctx: DissectContext, cp: number): number {
  const f = ctx.frame;
  if (!f.has(cp, 1)) return -1;
  const i = f.u8(cp);
  switch (i & TYPE_MASK) {
    case TYPE_EDNS0: {
      const elt = i & ~TYPE_MASK;
      if (elt !== EDNS0_ELT_BITLABEL) {
        ctx.print(`<ELT ${elt}>`);
        return -1;
      }
      if (!f.has(cp + 1, 1)) return -1;
      const bitlen = f.u8(cp + 1) || 256;
      return Math.floor((bitlen + 7) / 8) + 1;
    }
    case TYPE_INDIR:
    case 0:
      return i;
    default:
      ctx.print('<BAD LABEL TYPE>');
      ctx.markMalformed('DNS label type 0x80 is reserved', cp, 1);
      return -1;
  }
}

/** blabel_print: an RFC 2673 bit-string label as `\[x<hex>/<bits>]`. */
function blabelPrint(ctx: DissectContext, cp: number): boolean {
  const f = ctx.frame;
  if (!f.has(cp, 1)) return false;
  const bitlen = f.u8(cp) || 256;
  // tcpdump's limit counts hex digits, not bytes; the bit count ends the loop first.
  const lim = cp + 1 + Math.floor((bitlen + 3) / 4);
  ctx.print('\\[x');
  let bitp = cp + 1;
  let b = bitlen;
  for (; bitp < lim && b > 7; b -= 8, bitp++) ctx.print(f.u8(bitp).toString(16).padStart(2, '0'));
  if (b > 4) {
    const tc = f.u8(bitp);
    ctx.print((tc & (0xff << (8 - b)) & 0xff).toString(16).padStart(2, '0'));
  } else if (b > 0) {
    const tc = f.u8(bitp);
    ctx.print((((tc >> 4) & 0x0f) & (0x0f << (4 - b))).toString(16));
  }
  ctx.print(`/${bitlen}]`);
  return true;
}

/**
 * fqdn_print: prints the name at `cp` (pointers are relative to `bp`, the start of the
 * DNS message) and returns the offset after it in place, or null when it gave up.
 */
export function fqdnPrint(ctx: DissectContext, cp: number, bp: number): number | null {
  const f = ctx.frame;
  let l = labelLen(ctx, cp);
  if (l === -1) return null;
  if (!f.has(cp, 1)) return null;
  // u_int arithmetic: for EDNS CHAIN tcpdump passes a `bp` after `cp`, which wraps.
  let maxOffset = (cp - bp) >>> 0;
  let i = f.u8(cp);
  cp++;
  let rp: number | null = null;
  let compress = false;
  if ((i & TYPE_MASK) !== TYPE_INDIR) rp = cp + l;
  if (i === 0) {
    ctx.print('.');
    return rp;
  }
  let nameChars = 0;
  let hops = 0;
  while (i && cp < f.snapend) {
    switch (i & TYPE_MASK) {
      case TYPE_INDIR: {
        if (!compress) {
          rp = cp + 1;
          compress = true;
        }
        if (!f.has(cp, 1)) return null;
        const offset = ((i << 8) | f.u8(cp)) & 0x3fff;
        // Pointers must move backwards (as BIND requires): this is what ends loops.
        if (offset >= maxOffset || ++hops > MAX_HOPS) {
          ctx.print('<BAD PTR>');
          ctx.markMalformed('DNS compression pointer does not point backwards', cp - 1, 2);
          return null;
        }
        maxOffset = offset;
        cp = bp + offset;
        if (!f.has(cp, 1)) return null;
        i = f.u8(cp);
        l = labelLen(ctx, cp);
        if (l === -1) return null;
        cp++;
        continue;
      }
      case TYPE_EDNS0: {
        const elt = i & ~TYPE_MASK;
        if (elt !== EDNS0_ELT_BITLABEL) {
          ctx.print(`<ELT ${elt}>`);
          return null;
        }
        if (!blabelPrint(ctx, cp)) return null;
        break;
      }
      case TYPE_RESERVED:
        ctx.print('<BAD LABEL TYPE>');
        ctx.markMalformed('DNS label type 0x80 is reserved', cp - 1, 1);
        return null;
      default:
        if (nameChars + l <= MAXCDNAME) {
          if (printN(ctx, cp, l)) return null;
        } else if (nameChars < MAXCDNAME) {
          if (printN(ctx, cp, MAXCDNAME - nameChars)) return null;
        }
        nameChars += l;
    }
    cp += l;
    if (nameChars <= MAXCDNAME) ctx.print('.');
    nameChars++;
    if (!f.has(cp, 1)) return null;
    i = f.u8(cp);
    l = labelLen(ctx, cp);
    if (l === -1) return null;
    cp++;
    if (!compress && rp !== null) rp += l + 1;
  }
  if (nameChars > MAXCDNAME) ctx.print('<DOMAIN NAME TOO LONG>');
  return rp;
}

/** ns_cprint: a <character-string> (length byte + bytes); the offset after it, or null. */
export function cprint(ctx: DissectContext, cp: number): number | null {
  const f = ctx.frame;
  if (!f.has(cp, 1)) return null;
  const i = f.u8(cp);
  cp++;
  if (printN(ctx, cp, i)) return null;
  return cp + i;
}
