// tcpdump's relative TCP sequence numbers for any window of rows, not only from the start.
//
// tcpdump keeps one entry per ordered (addresses, ports) tuple (print-tcp.c tcp_seq_hash):
// the first ACK-bearing packet of a tuple, and every later one with SYN set, (re)starts it
// with that packet's seq/ack; other ACK-bearing packets print relative to it. So the state a
// packet sees is fully described by the last restart of its tuple before it. While indexing
// we replay exactly that rule on the index columns and keep only the restarts (sparse: about
// one per connection, plus SYN-ACK retransmissions), per tuple, in packet order. Printing a
// random window then asks the oracle (tcp.ts TCP_SEQ_ORACLE) instead of the sequential table.
import type { SeqEntry, TcpSeqOracle } from '../protocols/tcp.js';
import { TH_ACK, TH_SYN } from '../protocols/tcp-flags.js';
import { IPPROTO_TCP } from '../format/ipprotos.js';
import type { AddressTable } from '../store/address-table.js';
import type { PacketTable } from '../store/packet-table.js';

/** Restarts of one tuple: packet indices (ascending) and the bases tcpdump stored. */
interface Restarts {
  idx: number[];
  seq: number[];
  ack: number[];
}

export class SeqOracle implements TcpSeqOracle {
  /** lo address id * 65536 + lo port -> hi address id * 65536 + hi port -> restarts. */
  private readonly tuples = new Map<number, Map<number, Restarts>>();
  private readonly nameToId = new Map<string, number>();
  private namesKnown = 1;
  private last: Restarts | null = null;
  private lastK1 = -1;
  private lastK2 = -1;

  constructor(
    private readonly packets: PacketTable,
    private readonly addresses: AddressTable,
  ) {}

  /** Replays tcpdump's rule for packet `i` (call once per packet, in order, after indexing it). */
  observe(i: number): void {
    const t = this.packets;
    const flags = t.tcpFlags.get(i);
    if (!(flags & TH_ACK) || t.ipProto.get(i) !== IPPROTO_TCP) return;
    const src = t.src.get(i);
    const dst = t.dst.get(i);
    const sport = t.sport.get(i);
    const dport = t.dport.get(i);
    const rev = sport > dport || (sport === dport && compareAddresses(this.addresses, src, dst) > 0);
    const k1 = rev ? dst * 65536 + dport : src * 65536 + sport;
    const k2 = rev ? src * 65536 + sport : dst * 65536 + dport;
    let r = this.last && this.lastK1 === k1 && this.lastK2 === k2 ? this.last : this.lookup(k1, k2);
    const restart = !r || (flags & TH_SYN) !== 0;
    if (!restart) return;
    if (!r) {
      let m = this.tuples.get(k1);
      if (!m) this.tuples.set(k1, (m = new Map()));
      m.set(k2, (r = { idx: [], seq: [], ack: [] }));
    }
    const seq = t.seq.get(i);
    const ack = t.ack.get(i);
    r.idx.push(i);
    r.seq.push(rev ? (ack - 1) >>> 0 : seq);
    r.ack.push(rev ? seq : (ack - 1) >>> 0);
    this.last = r;
    this.lastK1 = k1;
    this.lastK2 = k2;
  }

  /** TcpSeqOracle: the entry tcpdump held for this tuple when it printed frame `frameNumber`. */
  entry(_v: number, a: string, b: string, pa: number, pb: number, frameNumber: number): SeqEntry | undefined {
    const ia = this.idOf(a);
    const ib = this.idOf(b);
    if (ia === undefined || ib === undefined) return undefined;
    const r = this.lookup(ia * 65536 + pa, ib * 65536 + pb);
    if (!r) return undefined;
    const i = frameNumber - 1;
    // Last restart at or before i (binary search: a long-lived tuple may restart often).
    let lo = 0;
    let hi = r.idx.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (r.idx[mid]! <= i) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return undefined;
    return { seq: r.seq[k]!, ack: r.ack[k]!, fresh: r.idx[k] === i };
  }

  /** Number of restarts kept (memory check in tests). */
  get size(): number {
    let n = 0;
    for (const m of this.tuples.values()) for (const r of m.values()) n += r.idx.length;
    return n;
  }

  private lookup(k1: number, k2: number): Restarts | undefined {
    return this.tuples.get(k1)?.get(k2);
  }

  private idOf(name: string): number | undefined {
    const names = this.addresses.names;
    for (; this.namesKnown < names.length; this.namesKnown++) this.nameToId.set(names[this.namesKnown]!, this.namesKnown);
    return this.nameToId.get(name);
  }
}

/** Byte order of two interned addresses, as tcpdump's memcmp of the raw addresses. */
function compareAddresses(t: AddressTable, a: number, b: number): number {
  const x = addressBytes(t.name(a), t.family[a] ?? 0);
  const y = addressBytes(t.name(b), t.family[b] ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

function addressBytes(name: string, family: number): number[] {
  if (family === 4) return name.split('.').map(Number);
  const out: number[] = [];
  const [head = '', tail] = name.split('::');
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const tl = tail === undefined ? [] : groups(tail);
  const words = (gs: string[]): number[] =>
    gs.flatMap((g) => {
      if (!g.includes('.')) return [parseInt(g, 16)];
      const q = g.split('.').map(Number);
      return [(q[0]! << 8) | q[1]!, (q[2]! << 8) | q[3]!];
    });
  const hw = words(h);
  const tw = words(tl);
  const all = [...hw, ...new Array<number>(Math.max(0, 8 - hw.length - tw.length)).fill(0), ...tw];
  for (const w of all) out.push(w >> 8, w & 255);
  return out;
}
