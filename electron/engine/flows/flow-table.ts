// Assigns every packet to its flow. Keys are symmetric: the two endpoints are ordered
// so that both directions of a conversation find the same entry.
import type { Flow, FlowKind } from './flow.js';

export interface FlowAssignment {
  flow: Flow;
  /** 0 = A→B, 1 = B→A. */
  dir: 0 | 1;
  /** True when this packet created the flow. */
  created: boolean;
}

export class FlowTable {
  readonly flows: Flow[] = [];
  private readonly byKey = new Map<string, Flow>();
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
    return this.byKey.get(lo ? `${kind}|${src}|${sport}|${dst}|${dport}` : `${kind}|${dst}|${dport}|${src}|${sport}`);
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
    let key = '';
    if (!split && this.last && this.lastKind === kind && this.lastLoAddr === la && this.lastLoPort === lp && this.lastHiAddr === ha && this.lastHiPort === hp) flow = this.last;
    else {
      key = `${kind}|${la}|${lp}|${ha}|${hp}`;
      flow = split ? undefined : this.byKey.get(key);
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
      this.byKey.set(key, flow);
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
    return { flow, dir, created };
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
    return { flow, dir, created };
  }
}
