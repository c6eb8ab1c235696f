// Interns network addresses so the packet index stores 4-byte ids instead of strings.
import { ipv6String } from '../format/addresses.js';

export class AddressTable {
  private readonly v4 = new Map<number, number>();
  private readonly v6 = new Map<string, number>();
  /** Printable form by id (index 0 = no address). */
  readonly names: string[] = [''];
  /** Address family by id (4 or 6). */
  readonly family: number[] = [0];

  // The two most recent IPv4 lookups: a conversation repeats the same pair packet after packet.
  private lastA = -1;
  private lastAId = 0;
  private lastB = -1;
  private lastBId = 0;

  /** Id of an IPv4 address given as an unsigned 32-bit number. */
  internV4(a: number): number {
    if (a === this.lastA) return this.lastAId;
    if (a === this.lastB) return this.lastBId;
    const id = this.lookupV4(a);
    this.lastB = this.lastA;
    this.lastBId = this.lastAId;
    this.lastA = a;
    this.lastAId = id;
    return id;
  }

  private lookupV4(a: number): number {
    let id = this.v4.get(a);
    if (id === undefined) {
      id = this.names.length;
      this.v4.set(a, id);
      this.names.push(`${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}`);
      this.family.push(4);
    }
    return id;
  }

  /** Id of the IPv6 address at `o` in `d`. */
  internV6(d: Uint8Array, o: number): number {
    let key = '';
    for (let i = 0; i < 16; i += 2) key += String.fromCharCode((d[o + i]! << 8) | d[o + i + 1]!);
    let id = this.v6.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.v6.set(key, id);
      this.names.push(ipv6String(d, o));
      this.family.push(6);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id] ?? '';
  }
}

