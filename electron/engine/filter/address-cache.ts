// Address-table ids as filter values: IPv4 as numbers, IPv6 as bytes, parsed once per id
// and kept beside the table (a live capture keeps adding ids).
import type { AddressTable } from '../store/address-table.js';
import { parseIpv4, parseIpv6 } from './literals.js';

interface Parsed {
  v4: number[];
  v6: (Uint8Array | undefined)[];
}

const byTable = new WeakMap<AddressTable, Parsed>();

function parsedOf(t: AddressTable): Parsed {
  let p = byTable.get(t);
  if (!p) byTable.set(t, (p = { v4: [], v6: [] }));
  return p;
}

export function ipv4Of(t: AddressTable, id: number): number {
  const p = parsedOf(t);
  let v = p.v4[id];
  if (v === undefined) p.v4[id] = v = parseIpv4(t.name(id)) ?? 0;
  return v;
}

export function ipv6Of(t: AddressTable, id: number): Uint8Array {
  const p = parsedOf(t);
  let v = p.v6[id];
  if (v === undefined) p.v6[id] = v = parseIpv6(t.name(id)) ?? new Uint8Array(16);
  return v;
}
