// The TCP and UDP tabs of Conversations and Endpoints from the capture index alone, counted
// as the conversation and endpoint taps count them (tshark/conversations.ts, endpoints.ts:
// the same rows, in the same order) but on integers: a conversation is a TCP flow or a UDP
// stream (one 4-tuple each), an endpoint an address id and port, and the names are made once
// per row, not per packet (a million packets count in well under a second).
import { udpStreamOfRow } from '../flows/udp-streams.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { byTotalFrames, type ConversationRow } from '../tshark/conversations.js';
import type { EndpointRow } from '../tshark/endpoints.js';
import { nsDelta, type NsTime } from '../tshark/tap.js';
import type { PacketSeq } from './tap-pass.js';

const CHUNK = 131_072;
const yieldNow = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

interface Conv {
  readonly a: number;
  readonly aPort: number;
  readonly b: number;
  readonly bPort: number;
  fAB: number;
  bAB: number;
  fBA: number;
  bBA: number;
  /** Packets of the earliest and latest time counted (ties: the first seen). */
  first: number;
  last: number;
  firstNs: number;
  lastNs: number;
}

interface End {
  readonly addr: number;
  readonly port: number;
  txF: number;
  txB: number;
  rxF: number;
  rxB: number;
}

export type TransportKind = 'tcp' | 'udp';
export interface TransportTables {
  readonly conversations: Record<TransportKind, ConversationRow[]>;
  readonly endpoints: Record<TransportKind, EndpointRow[]>;
}

/** Counts `packets` (ascending indices); null when `signal` aborts. */
export async function transportTables(index: CaptureIndex, packets: PacketSeq, signal: AbortSignal): Promise<TransportTables | null> {
  const t = index.packets;
  const convs = { tcp: new Map<number, Conv>(), udp: new Map<number, Conv>() };
  const ends = { tcp: new Map<number, End>(), udp: new Map<number, End>() };
  const sec0 = t.length ? t.sec(0) : 0;
  const nsec0 = t.length ? t.nsec(0) : 0;
  const end = (m: Map<number, End>, addr: number, port: number): End => {
    // Address ids are below 2^32 and ports below 2^16: the key is exact in a double.
    const key = addr * 65536 + port;
    let e = m.get(key);
    if (!e) m.set(key, (e = { addr, port, txF: 0, txB: 0, rxF: 0, rxB: 0 }));
    return e;
  };
  for (let k0 = 0; k0 < packets.length; k0 += CHUNK) {
    if (signal.aborted) return null;
    for (let k = k0; k < Math.min(packets.length, k0 + CHUNK); k++) {
      const i = packets.at(k);
      let kind: TransportKind;
      let id: number;
      const flow = t.flow.get(i)!;
      if (flow && index.flows.get(flow)?.kind === 'tcp') {
        kind = 'tcp';
        id = flow;
      } else {
        id = udpStreamOfRow(index, i);
        if (id < 0) continue;
        kind = 'udp';
      }
      const src = t.src.get(i)!;
      const dst = t.dst.get(i)!;
      const sport = t.sport.get(i)!;
      const dport = t.dport.get(i)!;
      const len = t.wirelen.get(i)!;
      const ns = (t.sec(i) - sec0) * 1e9 + (t.nsec(i) - nsec0);
      let c = convs[kind].get(id);
      if (!c) {
        convs[kind].set(id, (c = { a: src, aPort: sport, b: dst, bPort: dport, fAB: 0, bAB: 0, fBA: 0, bBA: 0, first: i, last: i, firstNs: ns, lastNs: ns }));
      } else if (ns > c.lastNs) {
        c.last = i;
        c.lastNs = ns;
      } else if (ns < c.firstNs) {
        c.first = i;
        c.firstNs = ns;
      }
      if (src === c.a && dst === c.b && sport === c.aPort && dport === c.bPort) {
        c.fAB++;
        c.bAB += len;
      } else {
        c.fBA++;
        c.bBA += len;
      }
      const s = end(ends[kind], src, sport);
      s.txF++;
      s.txB += len;
      const d = end(ends[kind], dst, dport);
      d.rxF++;
      d.rxB += len;
    }
    if (k0 + CHUNK < packets.length) await yieldNow();
  }
  if (signal.aborted) return null;
  // tshark's times are relative to the capture's first packet, normalized as nstime.
  const abs = (i: number): NsTime => {
    const sec = t.sec(i);
    const nsec = t.nsec(i);
    return { sec: sec + Math.floor(nsec / 1e9), nsec: nsec % 1e9 };
  };
  const origin = t.length ? abs(0) : { sec: 0, nsec: 0 };
  const names = index.addresses;
  const convRows = (m: Map<number, Conv>): ConversationRow[] =>
    byTotalFrames(
      [...m.values()].map((c) => ({
        a: names.name(c.a),
        b: names.name(c.b),
        aPort: c.aPort,
        bPort: c.bPort,
        framesAB: c.fAB,
        bytesAB: c.bAB,
        framesBA: c.fBA,
        bytesBA: c.bBA,
        start: nsDelta(abs(c.first), origin),
        stop: nsDelta(abs(c.last), origin),
      })),
      (r) => r.framesAB + r.framesBA,
    );
  const endRows = (m: Map<number, End>): EndpointRow[] =>
    byTotalFrames(
      [...m.values()].map((e) => ({ address: names.name(e.addr), port: e.port, txFrames: e.txF, txBytes: e.txB, rxFrames: e.rxF, rxBytes: e.rxB })),
      (r) => r.txFrames + r.rxFrames,
    );
  return {
    conversations: { tcp: convRows(convs.tcp), udp: convRows(convs.udp) },
    endpoints: { tcp: endRows(ends.tcp), udp: endRows(ends.udp) },
  };
}
