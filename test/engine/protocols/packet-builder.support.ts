// What the protocol tests build packets with: bytes from tcpdump -XX hex text, the Internet
// checksum to rebuild a header after a test changed it, and the tree's nodes of one field.
// One copy here; the other support modules re-export what they always offered.
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';

/** Bytes from hex text (whitespace ignored). */
export function hex(s: string): Uint8Array {
  const h = s.replace(/\s+/g, '');
  if (h.length % 2) throw new Error(`odd hex length ${h.length}`);
  const out = new Uint8Array(h.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(h.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The Internet checksum (RFC 1071) of `b`, starting from `initial` (a pseudo-header's sum). */
export function checksum(b: Uint8Array, initial = 0): number {
  let s = initial;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** Every node of `field` in a tree, depth first. */
export function findAll(nodes: readonly FieldNode[] | null, field: string): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (ns: readonly FieldNode[]): void => {
    for (const n of ns) {
      if (n.field === field) out.push(n);
      if (n.children) walk(n.children);
    }
  };
  walk(nodes ?? []);
  return out;
}

/**
 * Makes an Ethernet/IPv4/TCP frame (20-byte IP header without options) whole again after a
 * test changed its TCP header or payload: the IP total length and both checksums are
 * rebuilt, so -v says "correct" and only what the test changed differs from the capture.
 */
export function rebuildIpv4Tcp(f: Uint8Array): Uint8Array {
  f[16] = (f.length - 14) >> 8;
  f[17] = (f.length - 14) & 0xff;
  f[24] = f[25] = 0;
  const ipSum = checksum(f.subarray(14, 34));
  f[24] = ipSum >> 8;
  f[25] = ipSum & 0xff;
  f[50] = f[51] = 0;
  let pseudo = 0;
  for (let i = 26; i < 34; i += 2) pseudo += (f[i]! << 8) | f[i + 1]!;
  const sum = checksum(f.subarray(34), pseudo + 6 + (f.length - 34));
  f[50] = sum >> 8;
  f[51] = sum & 0xff;
  return f;
}
