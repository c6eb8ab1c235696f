// IPv4 and IPv6 fragment reassembly as Wireshark does it by default: a fragment's payload is
// only "data" until the fragment that completes the datagram, and that frame shows the
// datagram's protocols (dissected again from the reassembled bytes). Bounded: at most
// MAX_PENDING datagrams of at most 64 KiB wait at a time; the oldest is dropped first.
import { FrameDissector } from '../dissect/dissect-frame.js';
import type { FieldNode } from '../dissect/field-node.js';
import { createRegistry } from '../protocols/index.js';
import type { PacketBase } from './tap.js';
import { childOf, childValue, topLevel } from './tree-find.js';

export type FragmentState =
  /** Not a fragment. */
  | { readonly kind: 'none' }
  /** A fragment that does not complete its datagram: its payload shows as data. */
  | { readonly kind: 'fragment'; readonly version: 4 | 6 }
  /** The fragment that completed the datagram: its tree, dissected from the reassembled bytes. */
  | {
      readonly kind: 'reassembled';
      readonly version: 4 | 6;
      readonly tree: readonly FieldNode[];
      readonly frames: readonly number[];
      /** The fragments in payload order: frame number, payload offset and length. */
      readonly parts: readonly { readonly frame: number; readonly offset: number; readonly length: number }[];
      readonly data: Uint8Array;
    };

interface Pending {
  /** The first fragment's header (IPv4 header, or IPv6 fixed header), when seen. */
  header: Uint8Array | null;
  nextHeader: number;
  parts: { offset: number; bytes: Uint8Array; frame: number }[];
  /** Payload length, known once the last fragment (MF clear) is seen. */
  total: number;
}

const MAX_PENDING = 1024;
const NONE: FragmentState = { kind: 'none' };

export class IpReassembler {
  private readonly pending = new Map<string, Pending>();
  private readonly dissector = new FrameDissector(createRegistry());

  packet(p: PacketBase): FragmentState {
    const v4 = topLevel(p.tree, 'ip');
    if (v4) return this.ipv4(p, v4);
    const v6 = topLevel(p.tree, 'ipv6');
    if (v6) return this.ipv6(p, v6);
    return NONE;
  }

  private ipv4(p: PacketBase, ip: FieldNode): FragmentState {
    const mf = childValue(childOf(ip, 'ip.flags'), 'ip.flags.mf') === true;
    const off = Number(childValue(ip, 'ip.frag_offset') ?? 0) * 8;
    if (!mf && off === 0) return NONE;
    const hlen = Number(childValue(ip, 'ip.hdr_len') ?? 20);
    const len = Number(childValue(ip, 'ip.len') ?? 0);
    const start = ip.offset + hlen;
    const bytes = p.data.subarray(Math.min(start, p.data.length), Math.min(ip.offset + len, p.data.length));
    const key = `4|${childValue(ip, 'ip.src')}|${childValue(ip, 'ip.dst')}|${childValue(ip, 'ip.id')}|${childValue(ip, 'ip.proto')}`;
    const header = off === 0 ? p.data.slice(ip.offset, start) : null;
    return this.add(key, 4, header, Number(childValue(ip, 'ip.proto') ?? 0), off, bytes, mf, p);
  }

  private ipv6(p: PacketBase, ip: FieldNode): FragmentState {
    const frag = childOf(ip, 'ipv6.fraghdr');
    if (!frag) return NONE;
    const mf = childValue(frag, 'ipv6.fraghdr.more') === true;
    const off = Number(childValue(frag, 'ipv6.fraghdr.offset') ?? 0) * 8;
    if (!mf && off === 0) return NONE;
    const plen = Number(childValue(ip, 'ipv6.plen') ?? 0);
    const bytes = p.data.subarray(Math.min(frag.offset + 8, p.data.length), Math.min(ip.offset + 40 + plen, p.data.length));
    const key = `6|${childValue(ip, 'ipv6.src')}|${childValue(ip, 'ipv6.dst')}|${childValue(frag, 'ipv6.fraghdr.ident')}`;
    const header = off === 0 ? p.data.slice(ip.offset, ip.offset + 40) : null;
    return this.add(key, 6, header, Number(childValue(frag, 'ipv6.fraghdr.nxt') ?? 0), off, bytes, mf, p);
  }

  private add(key: string, version: 4 | 6, header: Uint8Array | null, nextHeader: number, offset: number, bytes: Uint8Array, more: boolean, p: PacketBase): FragmentState {
    let d = this.pending.get(key);
    if (!d) {
      if (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
      d = { header: null, nextHeader, parts: [], total: -1 };
      this.pending.set(key, d);
    }
    if (header) {
      d.header = header;
      d.nextHeader = nextHeader;
    }
    if (offset + bytes.length <= 65535) d.parts.push({ offset, bytes: bytes.slice(), frame: p.rec.number });
    if (!more) d.total = offset + bytes.length;
    const payload = d.header && d.total >= 0 ? contiguous(d.parts, d.total) : null;
    if (!payload) return { kind: 'fragment', version };
    this.pending.delete(key);
    const datagram = version === 4 ? ipv4Datagram(d.header!, payload) : ipv6Datagram(d.header!, d.nextHeader, payload);
    const meta = { number: p.rec.number, linktype: version === 4 ? 228 : 229 };
    const tree = this.dissector.dissect(datagram, datagram.length, meta, true).tree ?? [];
    const sorted = d.parts.sort((a, b) => a.offset - b.offset);
    const frames = [...new Set(sorted.map((x) => x.frame))];
    const parts = sorted.map((x) => ({ frame: x.frame, offset: x.offset, length: x.bytes.length }));
    return { kind: 'reassembled', version, tree, frames, parts, data: datagram };
  }
}

/** The payload [0, total) when the parts cover it without a hole, else null. */
function contiguous(parts: readonly { offset: number; bytes: Uint8Array }[], total: number): Uint8Array | null {
  const sorted = [...parts].sort((a, b) => a.offset - b.offset);
  const out = new Uint8Array(total);
  let covered = 0;
  for (const s of sorted) {
    if (s.offset > covered) return null;
    const end = Math.min(total, s.offset + s.bytes.length);
    if (end > covered) {
      out.set(s.bytes.subarray(covered - s.offset, end - s.offset), covered);
      covered = end;
    }
  }
  return covered >= total ? out : null;
}

function ipv4Datagram(header: Uint8Array, payload: Uint8Array): Uint8Array {
  const d = new Uint8Array(header.length + payload.length);
  d.set(header, 0);
  d.set(payload, header.length);
  const total = d.length;
  d[2] = total >> 8;
  d[3] = total & 255;
  d[6] = d[6]! & 0x40; // keep DF; clear MF and the offset
  d[7] = 0;
  d[10] = 0;
  d[11] = 0;
  let sum = 0;
  for (let k = 0; k < header.length; k += 2) sum += (d[k]! << 8) | d[k + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  d[10] = c >> 8;
  d[11] = c & 255;
  return d;
}

function ipv6Datagram(header: Uint8Array, nextHeader: number, payload: Uint8Array): Uint8Array {
  const d = new Uint8Array(40 + payload.length);
  d.set(header.subarray(0, 40), 0);
  d[4] = payload.length >> 8;
  d[5] = payload.length & 255;
  d[6] = nextHeader;
  d.set(payload, 40);
  return d;
}
