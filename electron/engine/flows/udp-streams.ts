// Wireshark's udp.stream: UDP conversations, keyed by the UDP 4-tuple (addresses and ports,
// either direction), numbered from 0 in order of appearance. The capture index's flows are
// not that: DNS and DHCP over UDP are flows of their own kinds (a DHCP exchange spans several
// address pairs, a DNS flow is keyed by its client), so the numbering is made here from the
// packet rows themselves, incrementally, as the index grows.
import type { CaptureIndex } from './capture-index.js';

interface Numbering {
  /** Rows looked at so far (packets [0, scanned)). */
  scanned: number;
  /** udp.stream by "lowAddr|lowPort|highAddr|highPort" (address ids of the index). */
  readonly byKey: Map<string, number>;
  /** udp.stream by row, for the rows that carry a UDP header. */
  readonly byRow: Map<number, number>;
}

const numberings = new WeakMap<CaptureIndex, Numbering>();

function key(a: number, aPort: number, b: number, bPort: number): string {
  return a < b || (a === b && aPort <= bPort) ? `${a}|${aPort}|${b}|${bPort}` : `${b}|${bPort}|${a}|${aPort}`;
}

/** True when row i is a UDP datagram's header (not a later IP fragment, which has no ports). */
function carriesUdp(index: CaptureIndex, i: number): boolean {
  const t = index.packets;
  if (t.ipProto.get(i) !== 17) return false;
  const id = t.flow.get(i);
  return id !== 0 && index.flows.get(id)?.kind !== 'ip';
}

function numbering(index: CaptureIndex): Numbering {
  let n = numberings.get(index);
  if (!n) numberings.set(index, (n = { scanned: 0, byKey: new Map(), byRow: new Map() }));
  const t = index.packets;
  for (; n.scanned < t.length; n.scanned++) {
    const i = n.scanned;
    if (!carriesUdp(index, i)) continue;
    const k = key(t.src.get(i), t.sport.get(i), t.dst.get(i), t.dport.get(i));
    let s = n.byKey.get(k);
    if (s === undefined) n.byKey.set(k, (s = n.byKey.size));
    n.byRow.set(i, s);
  }
  return n;
}

/** udp.stream of packet row i, or -1 when the packet has no UDP header of its own. */
export function udpStreamOfRow(index: CaptureIndex, i: number): number {
  return numbering(index).byRow.get(i) ?? -1;
}

/** udp.stream of the conversation between two endpoints (either order, address text), or -1 when unknown. */
export function udpStreamOfEnds(index: CaptureIndex, a: string, aPort: number, b: string, bPort: number): number {
  const n = numbering(index);
  const t = index.packets;
  const names = index.addresses;
  // The quoted datagram of an ICMP error names its conversation by text: find a row of it.
  for (const [i, s] of n.byRow) {
    const src = names.name(t.src.get(i));
    const dst = names.name(t.dst.get(i));
    const sp = t.sport.get(i);
    const dp = t.dport.get(i);
    if ((src === a && sp === aPort && dst === b && dp === bPort) || (src === b && sp === bPort && dst === a && dp === aPort)) return s;
  }
  return -1;
}
