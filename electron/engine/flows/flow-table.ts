// Assigns every packet to its flow. Keys are symmetric: the two endpoints are ordered
// so that both directions of a conversation find the same entry.
import type { Flow, FlowKind } from './flow.js';
import { FlowKeyIndex } from './flow-key-index.js';

/** FlowKind as a number for the key index. */
const KIND_CODE: Record<FlowKind, number> = { tcp: 1, udp: 2, icmp: 3, icmpv6: 4, arp: 5, dhcp: 6, dns: 7, ip: 8 };

export interface FlowAssignment {
  flow: Flow;
  /** 0 = A→B, 1 = B→A. */
  dir: 0 | 1;
  /** True when this packet created the flow. */
  created: boolean;
}

export class FlowTable {
  readonly flows: Flow[] = [];
  /** Conversations by ordered 5-tuple (assign, peek). */
  private readonly byTuple = new FlowKeyIndex();
  /** Transactions by their caller-built key (assignKeyed). */
  private readonly byKey = new Map<string, Flow>();
  /**
   * The result of assign/assignKeyed, reused: the index assigns every packet, and reads the
   * answer before its next call (a caller that keeps it copies the fields).
   */
  private readonly result: FlowAssignment = { flow: null as unknown as Flow, dir: 0, created: false };
  private tcpStreams = 0;
  // The last flow assigned and its ordered key parts: consecutive packets mostly belong to
  // one conversation, and this skips building the string key for them.
  private last: Flow | null = null;
  private lastKind: FlowKind | '' = '';
  private lastLoAddr = -1;
  private lastLoPort = -1;
  private lastHiAddr = -1;
  private lastHiPort = -1;

  get size(): number {
    return this.flows.length;
  }

  get(id: number): Flow | undefined {
    return this.flows[id - 1];
  }

  /** The current flow for a key without counting a packet (undefined when none). */
  peek(kind: FlowKind, src: number, sport: number, dst: number, dport: number): Flow | undefined {
    const lo = src < dst || (src === dst && sport <= dport);
    const id = lo ? this.byTuple.get(KIND_CODE[kind], src, sport, dst, dport) : this.byTuple.get(KIND_CODE[kind], dst, dport, src, sport);
    return id === 0 ? undefined : this.flows[id - 1];
  }

  /**
   * Finds or creates the flow of a packet from `src`:`sport` to `dst`:`dport` (ids from the
   * AddressTable). `split` forces a new flow for the same key (TCP port reuse).
   */
  assign(
    kind: FlowKind,
    ipVersion: number,
    src: number,
    sport: number,
    dst: number,
    dport: number,
    index: number,
    sec: number,
    nsec: number,
    bytes: number,
    split = false,
  ): FlowAssignment {
    const lo = src < dst || (src === dst && sport <= dport);
    const la = lo ? src : dst;
    const lp = lo ? sport : dport;
    const ha = lo ? dst : src;
    const hp = lo ? dport : sport;
    let flow: Flow | undefined;
    if (!split && this.last && this.lastKind === kind && this.lastLoAddr === la && this.lastLoPort === lp && this.lastHiAddr === ha && this.lastHiPort === hp) flow = this.last;
    else if (!split) {
      const id = this.byTuple.get(KIND_CODE[kind], la, lp, ha, hp);
      flow = id === 0 ? undefined : this.flows[id - 1];
    }
    let created = false;
    if (!flow) {
      flow = {
        id: this.flows.length + 1,
        kind,
        ipVersion,
        a: src,
        b: dst,
        aPort: sport,
        bPort: dport,
        stream: kind === 'tcp' ? this.tcpStreams++ : -1,
        firstIndex: index,
        lastIndex: index,
        firstSec: sec,
        firstNsec: nsec,
        lastSec: sec,
        lastNsec: nsec,
        packets: [0, 0],
        bytes: [0, 0],
      };
      this.flows.push(flow);
      this.byTuple.set(KIND_CODE[kind], la, lp, ha, hp, flow.id);
      created = true;
    }
    this.last = flow;
    this.lastKind = kind;
    this.lastLoAddr = la;
    this.lastLoPort = lp;
    this.lastHiAddr = ha;
    this.lastHiPort = hp;
    const dir: 0 | 1 = flow.a === src && flow.aPort === sport && (flow.b !== src || flow.bPort !== sport || flow.a === flow.b) ? 0 : 1;
    flow.packets[dir]++;
    flow.bytes[dir] += bytes;
    flow.lastIndex = index;
    flow.lastSec = sec;
    flow.lastNsec = nsec;
    const r = this.result;
    r.flow = flow;
    r.dir = dir;
    r.created = created;
    return r;
  }

  /**
   * Finds or creates a transaction flow (DNS id, DHCP xid) by a caller-built key. The
   * caller knows the direction from the message itself (query/response, BOOTREQUEST/
   * BOOTREPLY), which addresses cannot tell: a DHCP client has none yet. On creation
   * `src`/`dst`/ports become endpoint A/B as if `dir` were 0.
   */
  assignKeyed(
    kind: FlowKind,
    key: string,
    ipVersion: number,
    src: number,
    sport: number,
    dst: number,
    dport: number,
    dir: 0 | 1,
    index: number,
    sec: number,
    nsec: number,
    bytes: number,
  ): FlowAssignment {
    const k = `${kind}#${key}`;
    let flow = this.byKey.get(k);
    let created = false;
    if (!flow) {
      const [a, aPort, b, bPort] = dir === 0 ? [src, sport, dst, dport] : [dst, dport, src, sport];
      flow = { id: this.flows.length + 1, kind, ipVersion, a, b, aPort, bPort, stream: -1, firstIndex: index, lastIndex: index, firstSec: sec, firstNsec: nsec, lastSec: sec, lastNsec: nsec, packets: [0, 0], bytes: [0, 0] };
      this.flows.push(flow);
      this.byKey.set(k, flow);
      created = true;
    }
    flow.packets[dir]++;
    flow.bytes[dir] += bytes;
    flow.lastIndex = index;
    flow.lastSec = sec;
    flow.lastNsec = nsec;
    const r = this.result;
    r.flow = flow;
    r.dir = dir;
    r.created = created;
    return r;
  }
}
