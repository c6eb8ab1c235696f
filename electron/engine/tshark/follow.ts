// Follow TCP/UDP Stream, and `tshark -q -z follow,tcp|udp,ascii|hex|raw,STREAM`: the payload
// of one conversation, chunk by chunk, client (node 0, the first packet's source) and server.
// TCP is put back in sequence order as tshark 4.0's follow tap does it (packet-tcp.c):
// retransmitted bytes are dropped, a segment that arrives early waits for the gap to fill,
// and a gap the peer acknowledged but the capture lacks becomes a chunk
// "[N bytes missing in capture file]".
import { childOf, childValue } from './tree-find.js';
import type { DrawContext, Tap, TapPacket } from './tap.js';
import { udpStreamOfRow } from '../flows/udp-streams.js';
import { followText } from './follow-text.js';

export type FollowMode = 'ascii' | 'hex' | 'raw';

export interface FollowChunk {
  /** From the server (node 1). */
  readonly server: boolean;
  readonly frame: number;
  readonly data: Uint8Array;
  /** A placeholder for bytes the capture lacks. */
  readonly missing?: boolean;
}

export interface FollowNode {
  readonly address: string;
  readonly port: number;
}

interface Pending {
  readonly seq: number;
  readonly frame: number;
  readonly data: Uint8Array;
}

/** Sequence-space comparisons (mod 2^32). */
const diff = (a: number, b: number): number => (a - b) | 0;

export class FollowTap implements Tap {
  readonly chunks: FollowChunk[] = [];
  client: FollowNode | null = null;
  server: FollowNode | null = null;
  /** Next expected relative sequence number and bytes delivered, per side (0 client, 1 server). */
  private readonly seq = [0, 0];
  private readonly written = [0, 0];
  private readonly early: Pending[][] = [[], []];

  constructor(
    readonly proto: 'tcp' | 'udp',
    readonly mode: FollowMode,
    readonly stream: number,
    /** The chunks to print, 1-based (tshark's optional range). */
    readonly firstChunk = 1,
    readonly lastChunk = Infinity,
  ) {}

  packet(p: TapPacket): void {
    const t = p.index.packets;
    const flowId = t.flow.get(p.i);
    const flow = flowId ? p.index.flows.get(flowId) : undefined;
    if (!flow) return;
    // A UDP stream is its 4-tuple (udp.stream), whatever flow kind the index gave it (dns, dhcp).
    if (this.proto === 'udp' ? udpStreamOfRow(p.index, p.i) !== this.stream : flow.kind !== 'tcp' || flow.stream !== this.stream) return;
    const src = p.index.addresses.name(t.src.get(p.i));
    const sport = t.sport.get(p.i);
    if (!this.client) {
      this.client = { address: src, port: sport };
      this.server = { address: p.index.addresses.name(t.dst.get(p.i)), port: t.dport.get(p.i) };
    }
    const isServer = !(src === this.client.address && sport === this.client.port);
    const node = p.tree.find((n) => n.field === this.proto);
    if (this.proto === 'udp') {
      if (!node) return;
      const len = Math.max(0, Number(childValue(node, 'udp.length') ?? 8) - 8);
      const data = p.data.subarray(node.offset + 8, Math.min(p.data.length, node.offset + 8 + len));
      if (data.length) this.chunks.push({ server: isServer, frame: p.rec.number, data: data.slice() });
      return;
    }
    this.tcp(p, flow.stream, isServer, node);
  }

  private tcp(p: TapPacket, stream: number, isServer: boolean, node: TapPacket['tree'][number] | undefined): void {
    const t = p.index.packets;
    const i = p.i;
    const side = isServer ? 1 : 0;
    // Wireshark's tap sees relative sequence numbers (a SYN is 0, its first byte 1).
    const flow = p.index.flows.get(t.flow.get(i))!;
    const dir: 0 | 1 = t.src.get(i) === flow.a && t.sport.get(i) === flow.aPort ? 0 : 1;
    const base = p.index.tcp.relativeBase(stream, dir) ?? t.seq.get(i);
    const peerBase = p.index.tcp.relativeBase(stream, dir === 0 ? 1 : 0) ?? 0;
    let sequence = (t.seq.get(i) - base) >>> 0;
    const ack = (t.ack.get(i) - peerBase) >>> 0;
    let length = Number(childValue(node, 'tcp.len') ?? 0);
    const payload = childOf(node, 'tcp.payload');
    let data = payload ? p.data.subarray(payload.offset, payload.offset + payload.length) : new Uint8Array(0);

    // This packet may acknowledge bytes of the other side that the capture does not have.
    if (this.early[1 - side]!.length) while (this.fillGaps(1 - side, ack, p.rec.number, true));
    if (this.written[side] === 0 && this.seq[side] === 0) this.seq[side] = sequence;
    if (diff(sequence, this.seq[side]!) < 0) {
      // Starts before what was delivered: keep only the bytes not seen yet.
      const next = (sequence + length) >>> 0;
      if (diff(next, this.seq[side]!) > 0) {
        const skip = (this.seq[side]! - sequence) >>> 0;
        data = data.length <= skip ? data.subarray(0, 0) : data.subarray(skip);
        sequence = this.seq[side]!;
        length = (next - this.seq[side]!) >>> 0;
      }
    }
    if (data.length === 0 || diff(sequence, this.seq[side]!) < 0) return;
    if (sequence === this.seq[side]) {
      this.seq[side] = (this.seq[side]! + length) >>> 0;
      this.written[side] = this.written[side]! + data.length;
      this.chunks.push({ server: isServer, frame: p.rec.number, data: data.slice() });
      while (this.fillGaps(side, 0, p.rec.number, false));
    } else this.early[side]!.push({ seq: sequence, frame: p.rec.number, data: data.slice() });
  }

  /** check_follow_fragments: delivers one waiting segment that now fits; true when something changed. */
  private fillGaps(side: number, acked: number, frame: number, useAck: boolean): boolean {
    const list = this.early[side]!;
    if (!list.length) return false;
    let lowest = list[0]!.seq;
    for (let k = 0; k < list.length; k++) {
      const f = list[k]!;
      if (diff(lowest, f.seq) > 0) lowest = f.seq;
      if (diff(f.seq, this.seq[side]!) < 0) {
        const end = (f.seq + f.data.length) >>> 0;
        if (diff(end, this.seq[side]!) > 0) {
          const at = (this.seq[side]! - f.seq) >>> 0;
          if (f.data.length > at) this.chunks.push({ server: side === 1, frame: f.frame, data: f.data.subarray(at) });
          this.seq[side] = (this.seq[side]! + f.data.length - at) >>> 0;
        }
        list.splice(k, 1);
        return true;
      }
      if (f.seq === this.seq[side]) {
        if (f.data.length) this.chunks.push({ server: side === 1, frame: f.frame, data: f.data });
        this.seq[side] = (this.seq[side]! + f.data.length) >>> 0;
        list.splice(k, 1);
        return true;
      }
    }
    if (useAck && diff(acked, lowest) > 0) {
      const text = `[${(lowest - this.seq[side]!) | 0} bytes missing in capture file]\0`;
      this.chunks.push({ server: side === 1, frame, data: Uint8Array.from(text, (c) => c.charCodeAt(0)), missing: true });
      this.seq[side] = lowest;
      return true;
    }
    return false;
  }

  draw(_ctx: DrawContext, out: (text: string) => void): void {
    followText(this, out);
  }
}
