// Tests of one value against a literal (==, <, contains, matches, in a set) and the
// quantifiers that apply them to every occurrence of a field, Wireshark 4.0 style:
// `a == b` holds when ANY occurrence equals, `a != b` when ALL differ (both need one).
import type { Literal } from './literals.js';
import type { Getter, Row } from './operands.js';
import { bytesIndexOf, compareVals, latin1, type Val } from './values.js';

/** false, true, or unknown (the index cannot tell: dissect the packet). */
export type Tri = 0 | 1 | 2;
export type Pred = (r: Row) => Tri;
export type ValueTest = (v: Val) => boolean;

export function equalsLiteral(lit: Literal): ValueTest {
  if (lit.kind === 'net4') {
    const mask = lit.bits === 0 ? 0 : (0xffffffff << (32 - lit.bits)) >>> 0;
    const want = (lit.addr & mask) >>> 0;
    return (v) => typeof v === 'number' && ((v & mask) >>> 0) === want;
  }
  if (lit.kind === 'net6') {
    const { addr, bits } = lit;
    return (v) => {
      if (!(v instanceof Uint8Array) || v.length !== 16) return false;
      for (let b = 0; b < bits; b += 8) {
        const k = b >> 3;
        const m = bits - b >= 8 ? 0xff : (0xff << (8 - (bits - b))) & 0xff;
        if ((v[k]! & m) !== (addr[k]! & m)) return false;
      }
      return true;
    };
  }
  const want = lit.value;
  if (typeof want === 'number') return (v) => v === want;
  return (v) => compareVals(v, want) === 0;
}

export type Order = '<' | '<=' | '>' | '>=';

export function orderTest(order: Order, want: Val): ValueTest {
  switch (order) {
    case '<':
      return (v) => compareVals(v, want) < 0;
    case '<=':
      return (v) => compareVals(v, want) <= 0;
    case '>':
      return (v) => compareVals(v, want) > 0;
    case '>=':
      return (v) => compareVals(v, want) >= 0;
  }
}

export function containsTest(needle: Val): ValueTest {
  if (typeof needle === 'string') return (v) => typeof v === 'string' && v.includes(needle);
  if (needle instanceof Uint8Array) return (v) => v instanceof Uint8Array && bytesIndexOf(v, needle) >= 0;
  return () => false;
}

/** Wireshark's `matches`: PCRE, case-insensitive unless the pattern starts with (?-i). */
export function regexTest(re: RegExp): ValueTest {
  return (v) => re.test(typeof v === 'string' ? v : v instanceof Uint8Array ? latin1(v) : String(v));
}

export function compileRegex(pattern: string): RegExp {
  let flags = 'i';
  let p = pattern;
  const m = /^\(\?(-?)i\)/.exec(p);
  if (m) {
    if (m[1] === '-') flags = '';
    p = p.slice(m[0].length);
  }
  return new RegExp(p, flags);
}

export function any(get: Getter, test: ValueTest): Pred {
  const out: Val[] = [];
  return (r) => {
    out.length = 0;
    if (!get(r, out)) return 2;
    for (let k = 0; k < out.length; k++) if (test(out[k]!)) return 1;
    return 0;
  };
}

export function all(get: Getter, test: ValueTest): Pred {
  const out: Val[] = [];
  return (r) => {
    out.length = 0;
    if (!get(r, out)) return 2;
    if (out.length === 0) return 0;
    for (let k = 0; k < out.length; k++) if (!test(out[k]!)) return 0;
    return 1;
  };
}

/** Field against field: some pair (or every pair) of occurrences satisfies `test`. */
export function pairs(a: Getter, b: Getter, everyPair: boolean, test: (x: Val, y: Val) => boolean): Pred {
  const xs: Val[] = [];
  const ys: Val[] = [];
  return (r) => {
    xs.length = 0;
    ys.length = 0;
    const ka = a(r, xs);
    const kb = b(r, ys);
    if (!ka || !kb) return 2;
    if (xs.length === 0 || ys.length === 0) return 0;
    for (const x of xs) {
      for (const y of ys) {
        const t = test(x, y);
        if (t && !everyPair) return 1;
        if (!t && everyPair) return 0;
      }
    }
    return everyPair ? 1 : 0;
  };
}

export function exists(get: Getter): Pred {
  const out: Val[] = [];
  return (r) => {
    out.length = 0;
    if (!get(r, out)) return 2;
    return out.length > 0 ? 1 : 0;
  };
}

export function and(a: Pred, b: Pred): Pred {
  return (r) => {
    const x = a(r);
    if (x === 0) return 0;
    const y = b(r);
    if (y === 0) return 0;
    return x === 1 && y === 1 ? 1 : 2;
  };
}

export function or(a: Pred, b: Pred): Pred {
  return (r) => {
    const x = a(r);
    if (x === 1) return 1;
    const y = b(r);
    if (y === 1) return 1;
    return x === 0 && y === 0 ? 0 : 2;
  };
}

export function not(a: Pred): Pred {
  return (r) => {
    const x = a(r);
    return x === 2 ? 2 : x === 1 ? 0 : 1;
  };
}
