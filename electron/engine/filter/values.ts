// Runtime values of fields, one representation per type so both evaluation paths agree:
// numbers for integers, booleans (0/1), times and IPv4 addresses; strings for strings;
// bytes for IPv6/Ethernet addresses, byte fields, protocols and slices.
import type { FieldNode } from '../dissect/field-node.js';
import type { SliceRange } from './ast.js';
import type { FieldType } from './field-types.js';
import { parseEther, parseIpv4, parseIpv6, stringBytes } from './literals.js';
import { concatBytes } from '../bytes/concat-bytes.js';

export type Val = number | string | Uint8Array;

/** Orders two values of the same type: numbers numerically, strings by code unit, bytes lexicographically. */
export function compareVals(a: Val, b: Val): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let k = 0; k < n; k++) if (a[k] !== b[k]) return a[k]! < b[k]! ? -1 : 1;
    return a.length - b.length;
  }
  // Mixed kinds only arise from a type mismatch the compiler rejects; order them apart.
  return typeof a < typeof b ? -1 : 1;
}

// Tree values arrive as the dissectors' display strings; parsing them is the slow path's
// cost, so repeated addresses are parsed once (bounded caches).
const v6Cache = new Map<string, Uint8Array | undefined>();
const etherCache = new Map<string, Uint8Array | undefined>();
function cached(m: Map<string, Uint8Array | undefined>, s: string, parse: (s: string) => Uint8Array | undefined): Uint8Array | undefined {
  if (m.has(s)) return m.get(s);
  if (m.size > 4096) m.clear();
  const v = parse(s);
  m.set(s, v);
  return v;
}

/** The value of one tree node as a field of `type`, or undefined when it has none. */
export function nodeValue(type: FieldType, node: FieldNode, data: Uint8Array): Val | undefined {
  const v = node.value;
  switch (type) {
    case 'uint':
    case 'int':
    case 'float':
      return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : undefined;
    case 'bool':
      return typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' ? (v !== 0 ? 1 : 0) : undefined;
    case 'ipv4':
      return typeof v === 'number' ? v >>> 0 : typeof v === 'string' ? parseIpv4(v) : undefined;
    case 'ipv6':
      return typeof v === 'string' ? cached(v6Cache, v, parseIpv6) : undefined;
    case 'ether':
      return typeof v === 'string' ? cached(etherCache, v, parseEther) : undefined;
    case 'string':
      return v === undefined ? '' : String(v);
    case 'bytes':
      return data.subarray(node.offset, Math.min(data.length, node.offset + node.length));
    case 'protocol':
      // Wireshark's protocol value is its layer's data to the end, so `tcp contains "GET"` finds the payload.
      return data.subarray(Math.min(node.offset, data.length));
    case 'none':
      return 0;
  }
}

/** A value's bytes, for slices (IPv4 addresses in network order, strings as bytes). */
export function valueBytes(v: Val): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return stringBytes(v);
  return Uint8Array.of(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

/** Wireshark's byte ranges of a value, concatenated; undefined when a range falls outside. */
export function sliceBytes(b: Uint8Array, ranges: readonly SliceRange[]): Uint8Array | undefined {
  if (ranges.length === 1) return sliceOne(b, ranges[0]!);
  const parts: Uint8Array[] = [];
  for (const r of ranges) {
    const p = sliceOne(b, r);
    if (!p) return undefined;
    parts.push(p);
  }
  return concatBytes(parts);
}

function sliceOne(b: Uint8Array, r: SliceRange): Uint8Array | undefined {
  const start = r.start < 0 ? b.length + r.start : r.start;
  if (start < 0 || start > b.length) return undefined;
  const end = r.length === null ? b.length : start + r.length;
  if (r.length !== null && (r.length <= 0 || end > b.length)) return undefined;
  return b.subarray(start, end);
}

export function bytesIndexOf(hay: Uint8Array, needle: Uint8Array): number {
  if (needle.length === 0) return 0;
  const first = needle[0]!;
  const last = hay.length - needle.length;
  outer: for (let k = hay.indexOf(first); k !== -1 && k <= last; k = hay.indexOf(first, k + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[k + j] !== needle[j]) continue outer;
    return k;
  }
  return -1;
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (let k = 0; k < b.length; k += 8192) s += String.fromCharCode(...b.subarray(k, k + 8192));
  return s;
}
