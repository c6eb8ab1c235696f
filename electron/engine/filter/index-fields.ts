// Field values read from the capture index (the fast path), made from the declarations: a
// field declared `indexed` is read from the column it names (through its bitmask, as an
// address for address types) or from the values the index mode put, wherever its protocol's
// gate (index-rows.ts) says the index knows the packet; a computed field (source 'index')
// through its own getter. A getter appends the field's values for row i to `out` and returns
// true, or returns false when the index cannot tell exactly what the packet's tree would
// hold (then the packet is dissected).
import { maskShift, type FieldDecl, type IndexColumn } from '../dissect/field-decl.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { ComputedField } from '../flows/computed-field.js';
import { ipv4Of, ipv6Of } from './address-cache.js';
import { lookupField } from './field-registry.js';
import { ALWAYS, isApplication, protocolGate, type Gate } from './index-rows.js';
import type { Val } from './values.js';

export type IndexGetter = (ix: CaptureIndex, i: number, out: Val[]) => boolean;
type Derived = (ix: CaptureIndex, i: number, out: Val[]) => void;

const PRESENT = 0;

/** The numbers the index keeps per packet, by the names declarations use. */
const COLUMNS: Record<IndexColumn, (ix: CaptureIndex, i: number) => number> = {
  number: (_ix, i) => i + 1,
  wirelen: (ix, i) => ix.packets.wirelen.get(i),
  caplen: (ix, i) => ix.packets.caplen.get(i),
  ipVersion: (ix, i) => ix.addresses.family[ix.packets.src.get(i)]!,
  ipProto: (ix, i) => ix.packets.ipProto.get(i),
  src: (ix, i) => ix.packets.src.get(i),
  dst: (ix, i) => ix.packets.dst.get(i),
  sport: (ix, i) => ix.packets.sport.get(i),
  dport: (ix, i) => ix.packets.dport.get(i),
  seq: (ix, i) => ix.packets.seq.get(i),
  ack: (ix, i) => ix.packets.ack.get(i),
  window: (ix, i) => ix.packets.window.get(i),
  tcpFlags: (ix, i) => ix.packets.tcpFlags.get(i),
  payloadLength: (ix, i) => ix.packets.payloadLength.get(i),
  // The gates of ICMP and ARP only open where the index parsed the message.
  messageType: (ix, i) => ix.messageCode.get(i)! >> 8,
  messageSubcode: (ix, i) => ix.messageCode.get(i)! & 255,
  messageCode: (ix, i) => ix.messageCode.get(i)!,
};

/** A column's number as a value of the field's type (addresses are table ids; bits are masked). */
function columnValue(d: FieldDecl, column: IndexColumn): (ix: CaptureIndex, i: number) => Val {
  const read = COLUMNS[column];
  // Addresses are read straight from their column (one call less on the filter's hottest fields).
  if (d.type === 'ipv4') return column === 'src' ? (ix, i) => ipv4Of(ix.addresses, ix.packets.src.get(i)) : column === 'dst' ? (ix, i) => ipv4Of(ix.addresses, ix.packets.dst.get(i)) : (ix, i) => ipv4Of(ix.addresses, read(ix, i));
  if (d.type === 'ipv6') return column === 'src' ? (ix, i) => ipv6Of(ix.addresses, ix.packets.src.get(i)) : column === 'dst' ? (ix, i) => ipv6Of(ix.addresses, ix.packets.dst.get(i)) : (ix, i) => ipv6Of(ix.addresses, read(ix, i));
  const mask = d.bitmask;
  if (mask === undefined) return read;
  if (d.type === 'bool') return (ix, i) => (read(ix, i) & mask ? 1 : 0);
  const shift = maskShift(mask);
  return (ix, i) => (read(ix, i) & mask) >>> shift;
}

/**
 * How the index answers a field: its protocol's gate, then the values (column reads, the
 * index mode's puts, a computed getter, or presence). Aliases of fields behind one gate share
 * it (ip.addr asks whether the packet has one IPv4 layer once, then reads both addresses).
 */
interface Plan {
  readonly gate: Gate;
  readonly reads: readonly ((ix: CaptureIndex, i: number) => Val)[];
  readonly values?: Derived;
}

/** A getter specialised for its plan: the filter calls it for every packet, so no loops or closures it can avoid. */
function compile(plan: Plan): IndexGetter {
  const { gate, reads, values } = plan;
  if (values) {
    if (gate === ALWAYS) return (ix, i, out) => (values(ix, i, out), true);
    return (ix, i, out) => {
      const g = gate(ix, i);
      if (g < 0) return false;
      if (g > 0) values(ix, i, out);
      return true;
    };
  }
  if (reads.length === 1) {
    const r = reads[0]!;
    if (gate === ALWAYS) return (ix, i, out) => (out.push(r(ix, i)), true);
    return (ix, i, out) => {
      const g = gate(ix, i);
      if (g < 0) return false;
      if (g > 0) out.push(r(ix, i));
      return true;
    };
  }
  if (reads.length === 2) {
    const [a, b] = reads as [(ix: CaptureIndex, i: number) => Val, (ix: CaptureIndex, i: number) => Val];
    return (ix, i, out) => {
      const g = gate(ix, i);
      if (g < 0) return false;
      if (g > 0) out.push(a(ix, i), b(ix, i));
      return true;
    };
  }
  return (ix, i, out) => {
    const g = gate(ix, i);
    if (g < 0) return false;
    if (g > 0) for (let k = 0; k < reads.length; k++) out.push(reads[k]!(ix, i));
    return true;
  };
}

/** The protocol a field belongs to: the first part of its name. */
const protocolOf = (abbrev: string): string => abbrev.split('.', 1)[0]!;

const UNION = new Map<string, Gate | undefined>();

/**
 * The gate of a field carried by several protocols' headers: unknown where any of them is
 * (its layer may add a value), present where one is, else absent. One per list, so that
 * aliases behind the same protocols still share it.
 */
function unionGate(protocols: readonly string[]): Gate | undefined {
  const key = protocols.join(' ');
  if (UNION.has(key)) return UNION.get(key);
  const gates = protocols.map(protocolGate);
  let g: Gate | undefined;
  if (gates.every((x): x is Gate => x !== undefined)) {
    g = (ix, i) => {
      let r = 0;
      for (let k = 0; k < gates.length; k++) {
        const v = gates[k]!(ix, i);
        if (v < 0) return v;
        if (v > 0) r = 1;
      }
      return r;
    };
  }
  UNION.set(key, g);
  return g;
}

/**
 * The gate of a protocol declared `indexed: true`: where its gate cannot tell (an application
 * protocol on its port), the protocol is present if its index mode put it (it does so only
 * where the tree surely opens the protocol's node: DNS, DHCP), else the tree tells.
 */
function presenceGate(gate: Gate, d: FieldDecl): Gate {
  if (!isApplication(d.abbrev)) return gate;
  return (ix, i) => {
    const g = gate(ix, i);
    return g >= 0 ? g : ix.indexed.has(d, i) ? 1 : g;
  };
}

/** The gate of a field's declaration: its own protocol's, or the union of those it names. */
export function fieldGate(d: FieldDecl): Gate | undefined {
  return d.gates ? unionGate(d.gates) : protocolGate(protocolOf(d.abbrev));
}

function planOf(name: string): Plan | undefined {
  const d = lookupField(name)?.decl;
  if (!d) return undefined;
  if (d.alias) {
    const parts = d.alias.map(planOf);
    const first = parts[0];
    // Only column reads behind one gate combine; anything else is left to the tree.
    if (!first || parts.some((p) => !p || p.values || p.gate !== first.gate)) return undefined;
    return { gate: first.gate, reads: parts.flatMap((p) => p!.reads) };
  }
  const gate = fieldGate(d);
  if (!gate) return undefined;
  if (d.source === 'index') {
    const compute = (d as ComputedField).compute;
    return compute ? { gate, reads: [], values: compute } : undefined;
  }
  const ix = d.indexed;
  if (ix === undefined) return undefined;
  if (ix === true) {
    if (d.type === 'protocol') return { gate: presenceGate(gate, d), reads: [], values: (_ix, _i, out) => void out.push(PRESENT) };
    return { gate, reads: [], values: (index, i, out) => index.indexed.valuesOf(d, i, out) };
  }
  return { gate, reads: (typeof ix === 'string' ? [ix] : ix).map((c) => columnValue(d, c)) };
}

function build(name: string): IndexGetter | undefined {
  const plan = planOf(name);
  return plan && compile(plan);
}

const FAST = new Map<string, IndexGetter | undefined>();

/** The fast-path getter of a field, or undefined when only the tree has it. */
export function indexGetter(name: string): IndexGetter | undefined {
  if (!FAST.has(name)) FAST.set(name, build(name));
  return FAST.get(name);
}

/** The definitive getter of an index-computed field (used on both paths). */
export function derivedGetter(name: string): Derived | undefined {
  const d = lookupField(name)?.decl;
  return d?.source === 'index' ? (d as ComputedField).compute : undefined;
}

const ABSENT = new Map<string, IndexGetter | undefined>();

/**
 * For a field the index has no values of: a getter that answers only "the packet has none"
 * (true, nothing appended) where its protocol's gate says the protocol is absent, and "ask the
 * tree" (false) elsewhere. A field of protocol P is only ever in P's subtree, so a packet
 * without P holds no occurrence: `http contains "x"` is false there without dissecting it.
 * An alias has none only where every field it stands for has none.
 */
export function absenceGetter(name: string): IndexGetter | undefined {
  if (!ABSENT.has(name)) ABSENT.set(name, buildAbsence(name));
  return ABSENT.get(name);
}

function buildAbsence(name: string): IndexGetter | undefined {
  const d = lookupField(name)?.decl;
  if (!d) return undefined;
  if (d.alias) {
    const parts = d.alias.map(absenceGetter);
    if (parts.some((p) => !p)) return undefined;
    const getters = parts as IndexGetter[];
    return (ix, i, out) => getters.every((g) => g(ix, i, out));
  }
  const gate = fieldGate(d);
  if (!gate || gate === ALWAYS) return undefined;
  return (ix, i) => gate(ix, i) === 0;
}
