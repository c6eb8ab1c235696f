// Wireshark's udp.stream: UDP conversations numbered from 0 in order of appearance. The
// capture index keeps UDP conversations as flows (numbered with every other kind), so the
// UDP ones are counted here, incrementally, as the index grows.
import type { CaptureIndex } from '../flows/capture-index.js';

interface Numbering {
  /** Flows looked at so far (index.flows.flows[0, scanned)). */
  scanned: number;
  next: number;
  byFlow: Map<number, number>;
}

const numberings = new WeakMap<CaptureIndex, Numbering>();

/** udp.stream of a flow id, or -1 when the flow is not a UDP conversation. */
export function udpStreamOf(index: CaptureIndex, flowId: number): number {
  let n = numberings.get(index);
  if (!n) numberings.set(index, (n = { scanned: 0, next: 0, byFlow: new Map() }));
  const flows = index.flows.flows;
  for (; n.scanned < flows.length; n.scanned++) {
    const f = flows[n.scanned]!;
    if (f.kind === 'udp') n.byFlow.set(f.id, n.next++);
  }
  return n.byFlow.get(flowId) ?? -1;
}

/** udp.stream of the conversation between two endpoints (either order), or -1 when unknown. */
export function udpStreamOfEnds(index: CaptureIndex, a: string, aPort: number, b: string, bPort: number): number {
  let n = numberings.get(index);
  if (!n) numberings.set(index, (n = { scanned: 0, next: 0, byFlow: new Map() }));
  udpStreamOf(index, 0);
  const names = index.addresses;
  for (const f of index.flows.flows) {
    if (f.kind !== 'udp') continue;
    const fa = names.name(f.a);
    const fb = names.name(f.b);
    if ((fa === a && f.aPort === aPort && fb === b && f.bPort === bPort) || (fa === b && f.aPort === bPort && fb === a && f.bPort === aPort)) return n.byFlow.get(f.id) ?? -1;
  }
  return -1;
}
