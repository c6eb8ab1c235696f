// Field values read from the capture index (the fast path). A getter appends the field's
// values for row i to `out` and returns true, or returns false when the index cannot tell
// exactly what the packet's tree would hold (then the packet is dissected).
import type { CaptureIndex } from '../flows/capture-index.js';
import { ANALYSIS_FIELDS } from '../flows/analysis-flags.js';
import { udpStreamOfRow } from '../flows/udp-streams.js';
import { createRegistry } from '../protocols/index.js';
import { ipv4Of, ipv6Of } from './address-cache.js';
import { isTcpFlow, linktypeOf, netLayer, transportLayer } from './index-rows.js';
import { tcpTimeDelta, tcpTimeRelative } from './tcp-timestamps.js';
import type { Val } from './values.js';

export type IndexGetter = (ix: CaptureIndex, i: number, out: Val[]) => boolean;
type Derived = (ix: CaptureIndex, i: number, out: Val[]) => void;

const PRESENT = 0;

// ---- values that come from the index on both paths (the tree does not carry them) ----

function seconds(ix: CaptureIndex, i: number): number {
  return ix.packets.sec(i) + ix.packets.nsec(i) / 1e9;
}

function tcpDerived(f: (ix: CaptureIndex, i: number, out: Val[]) => void): Derived {
  return (ix, i, out) => {
    if (isTcpFlow(ix, i)) f(ix, i, out);
  };
}

/** The packet's relative sequence numbers (seq, ack, next seq), as Wireshark's tcp.seq/ack/nxtseq. */
function relative(ix: CaptureIndex, i: number, which: 'seq' | 'ack' | 'nxtseq', out: Val[]): void {
  const t = ix.packets;
  const flow = ix.flows.get(t.flow[i]!)!;
  const dir: 0 | 1 = t.src[i] === flow.a && t.sport[i] === flow.aPort ? 0 : 1;
  const flags = t.tcpFlags[i]!;
  if (which === 'ack') {
    // Without the ACK flag the field is shown as it is (normally 0).
    const base = flags & 0x10 ? ix.tcp.relativeBase(flow.stream, dir === 0 ? 1 : 0) : 0;
    out.push((t.ack[i]! - (base ?? 0)) >>> 0);
    return;
  }
  const base = ix.tcp.relativeBase(flow.stream, dir) ?? 0;
  const seq = (t.seq[i]! - base) >>> 0;
  out.push(which === 'seq' ? seq : (seq + t.payloadLength[i]! + (flags & 0x03 ? 1 : 0)) >>> 0);
}

const DERIVED = new Map<string, Derived>([
  ['frame.time_relative', (ix, i, out) => void out.push(ix.packets.sec(i) - ix.packets.sec(0) + (ix.packets.nsec(i) - ix.packets.nsec(0)) / 1e9)],
  ['frame.time_epoch', (ix, i, out) => void out.push(seconds(ix, i))],
  ['frame.time_delta', (ix, i, out) => void out.push(i === 0 ? 0 : ix.packets.sec(i) - ix.packets.sec(i - 1) + (ix.packets.nsec(i) - ix.packets.nsec(i - 1)) / 1e9)],
  ['frame.interface_id', (ix, i, out) => void out.push(ix.packets.iface[i]!)],
  ['tcp.stream', tcpDerived((ix, i, out) => void out.push(ix.flows.get(ix.packets.flow[i]!)!.stream))],
  ['tcp.time_relative', tcpDerived((ix, i, out) => void out.push(tcpTimeRelative(ix, i)))],
  ['tcp.time_delta', tcpDerived((ix, i, out) => void out.push(tcpTimeDelta(ix, i)))],
  ['tcp.seq', tcpDerived((ix, i, out) => relative(ix, i, 'seq', out))],
  ['tcp.ack', tcpDerived((ix, i, out) => relative(ix, i, 'ack', out))],
  ['tcp.nxtseq', tcpDerived((ix, i, out) => relative(ix, i, 'nxtseq', out))],
  ['tcp.analysis.acks_frame', tcpDerived((ix, i, out) => void (ix.acks.get(i) && out.push(ix.acks.get(i)!.a)))],
  // Wireshark shows no RTT of zero.
  ['tcp.analysis.ack_rtt', tcpDerived((ix, i, out) => void (ix.acks.get(i)?.b && out.push(ix.acks.get(i)!.b / 1e9)))],
  ['udp.stream', (ix, i, out) => {
    const s = udpStreamOfRow(ix, i);
    if (s >= 0) out.push(s);
  }],
  ['tcp.analysis.flags', tcpDerived((ix, i, out) => void (ix.packets.analysis[i] ? out.push(PRESENT) : 0))],
  ['tcp.analysis.duplicate_ack_num', tcpDerived((ix, i, out) => void (ix.dupAcks.has(i) ? out.push(ix.dupAcks.get(i)!.num) : 0))],
  ['tcp.analysis.duplicate_ack_frame', tcpDerived((ix, i, out) => void (ix.dupAcks.has(i) ? out.push(ix.dupAcks.get(i)!.frame) : 0))],
  ...ANALYSIS_FIELDS.map(([bit, name]): [string, Derived] => [name, tcpDerived((ix, i, out) => void (ix.packets.analysis[i]! & bit ? out.push(PRESENT) : 0))]),
]);

/** The definitive getter of an index-computed field (used on both paths). */
export function derivedGetter(name: string): Derived | undefined {
  return DERIVED.get(name);
}

// ---- the fast path proper ----

const always =
  (f: Derived): IndexGetter =>
  (ix, i, out) => {
    f(ix, i, out);
    return true;
  };

function linkProto(types: readonly number[]): IndexGetter {
  return (ix, i, out) => {
    const lt = linktypeOf(ix, i);
    if (lt < 0) return false;
    if (types.includes(lt)) {
      if (lt === 1 && ix.packets.caplen[i]! < 14) return false;
      out.push(PRESENT);
    }
    return true;
  };
}

function ipField(version: 4 | 6, f: (ix: CaptureIndex, i: number, out: Val[]) => void): IndexGetter {
  return (ix, i, out) => {
    const l3 = netLayer(ix, i);
    if (l3 < 0) return false;
    if (l3 === version) f(ix, i, out);
    return true;
  };
}

function transportField(proto: 6 | 17, f: (ix: CaptureIndex, i: number, out: Val[]) => void): IndexGetter {
  return (ix, i, out) => {
    const l4 = transportLayer(ix, i);
    if (l4 < 0) return false;
    if (l4 === proto) f(ix, i, out);
    return true;
  };
}

const v4 = (ix: CaptureIndex, id: number): number => ipv4Of(ix.addresses, id);
const v6 = (ix: CaptureIndex, id: number): Uint8Array => ipv6Of(ix.addresses, id);

function icmpField(proto: 1 | 58, version: 4 | 6, part: 'type' | 'code' | null): IndexGetter {
  return ipField(version, (ix, i, out) => {
    if (ix.packets.ipProto[i] !== proto) return;
    const c = ix.messageCode.get(i)!;
    out.push(part === 'type' ? c >> 8 : part === 'code' ? c & 255 : PRESENT);
  });
}

function arpField(f: (ix: CaptureIndex, i: number, out: Val[]) => void): IndexGetter {
  return (ix, i, out) => {
    const et = ix.packets.etherType[i]!;
    if (et !== 0x0806 && et !== 0x8035) return netLayer(ix, i) >= 0;
    if (!ix.messageCode.has(i)) return false; // not an Ethernet/IPv4 ARP the index parsed
    f(ix, i, out);
    return true;
  };
}

const registry = createRegistry();
/** Application protocols: which of our port-dispatched dissectors can emit them. */
const APP_DISSECTORS: Record<string, readonly string[]> = {
  dns: ['domain', 'domain-tcp', 'mdns'],
  dhcp: ['bootp'],
  http: ['http'],
  rtsp: ['rtsp'],
  ftp: ['ftp'],
  smtp: ['smtp'],
  whois: ['whois'],
  ssh: ['ssh'],
};

/** Absent when no dissector of the protocol would run for the packet's ports; else unknown. */
function appProto(names: readonly string[]): IndexGetter {
  return (ix, i) => {
    const l4 = transportLayer(ix, i);
    if (l4 <= 0) return l4 === 0;
    const t = ix.packets;
    if (t.payloadLength[i] === 0) return true;
    const d = registry.lookupPorts(l4 === 6 ? 'tcpport' : 'udpport', t.sport[i]!, t.dport[i]!);
    return !d || !names.includes(d.name);
  };
}

const tcpFlag = (bit: number): IndexGetter => transportField(6, (ix, i, out) => void out.push(ix.packets.tcpFlags[i]! & bit ? 1 : 0));
const tcpDerivedFast = (name: string): IndexGetter => {
  const d = DERIVED.get(name)!;
  return transportField(6, d);
};

const FAST = new Map<string, IndexGetter>([
  ['frame', always((_ix, _i, out) => void out.push(PRESENT))],
  ['frame.number', always((_ix, i, out) => void out.push(i + 1))],
  ['frame.len', always((ix, i, out) => void out.push(ix.packets.wirelen[i]!))],
  ['frame.cap_len', always((ix, i, out) => void out.push(ix.packets.caplen[i]!))],
  ['frame.time_relative', always(DERIVED.get('frame.time_relative')!)],
  ['frame.time_epoch', always(DERIVED.get('frame.time_epoch')!)],
  ['frame.time_delta', always(DERIVED.get('frame.time_delta')!)],
  ['frame.interface_id', always(DERIVED.get('frame.interface_id')!)],
  ['eth', linkProto([1])],
  ['sll', linkProto([113, 276])],
  ['null', linkProto([0, 108])],
  ['ip', ipField(4, (_ix, _i, out) => void out.push(PRESENT))],
  ['ip.version', (ix, i, out) => {
    // IPv6 headers carry a hidden ip.version too (Wireshark's).
    const l3 = netLayer(ix, i);
    if (l3 < 0) return false;
    if (l3 === 4 || l3 === 6) out.push(l3);
    return true;
  }],
  ['ip.src', ipField(4, (ix, i, out) => void out.push(v4(ix, ix.packets.src[i]!)))],
  ['ip.dst', ipField(4, (ix, i, out) => void out.push(v4(ix, ix.packets.dst[i]!)))],
  ['ip.addr', ipField(4, (ix, i, out) => void out.push(v4(ix, ix.packets.src[i]!), v4(ix, ix.packets.dst[i]!)))],
  ['ip.proto', ipField(4, (ix, i, out) => void out.push(ix.packets.ipProto[i]!))],
  ['ipv6', ipField(6, (_ix, _i, out) => void out.push(PRESENT))],
  ['ipv6.version', ipField(6, (_ix, _i, out) => void out.push(6))],
  ['ipv6.src', ipField(6, (ix, i, out) => void out.push(v6(ix, ix.packets.src[i]!)))],
  ['ipv6.dst', ipField(6, (ix, i, out) => void out.push(v6(ix, ix.packets.dst[i]!)))],
  ['ipv6.addr', ipField(6, (ix, i, out) => void out.push(v6(ix, ix.packets.src[i]!), v6(ix, ix.packets.dst[i]!)))],
  ['icmp', icmpField(1, 4, null)],
  ['icmp.type', icmpField(1, 4, 'type')],
  ['icmp.code', icmpField(1, 4, 'code')],
  ['icmpv6', icmpField(58, 6, null)],
  ['icmpv6.type', icmpField(58, 6, 'type')],
  ['icmpv6.code', icmpField(58, 6, 'code')],
  ['arp', arpField((_ix, _i, out) => void out.push(PRESENT))],
  ['arp.opcode', arpField((ix, i, out) => void out.push(ix.messageCode.get(i)!))],
  ['arp.src.proto_ipv4', arpField((ix, i, out) => void out.push(v4(ix, ix.packets.src[i]!)))],
  ['arp.dst.proto_ipv4', arpField((ix, i, out) => void out.push(v4(ix, ix.packets.dst[i]!)))],
  ['tcp', transportField(6, (_ix, _i, out) => void out.push(PRESENT))],
  ['tcp.srcport', transportField(6, (ix, i, out) => void out.push(ix.packets.sport[i]!))],
  ['tcp.dstport', transportField(6, (ix, i, out) => void out.push(ix.packets.dport[i]!))],
  ['tcp.port', transportField(6, (ix, i, out) => void out.push(ix.packets.sport[i]!, ix.packets.dport[i]!))],
  ['tcp.len', transportField(6, (ix, i, out) => void out.push(ix.packets.payloadLength[i]!))],
  ['tcp.seq_raw', transportField(6, (ix, i, out) => void out.push(ix.packets.seq[i]!))],
  ['tcp.ack_raw', transportField(6, (ix, i, out) => void out.push(ix.packets.ack[i]!))],
  ['tcp.window_size_value', transportField(6, (ix, i, out) => void out.push(ix.packets.window[i]!))],
  ['tcp.flags.cwr', tcpFlag(0x80)],
  ['tcp.flags.ece', tcpFlag(0x40)],
  ['tcp.flags.urg', tcpFlag(0x20)],
  ['tcp.flags.ack', tcpFlag(0x10)],
  ['tcp.flags.push', tcpFlag(0x08)],
  ['tcp.flags.reset', tcpFlag(0x04)],
  ['tcp.flags.syn', tcpFlag(0x02)],
  ['tcp.flags.fin', tcpFlag(0x01)],
  ['tcp.stream', tcpDerivedFast('tcp.stream')],
  ['tcp.time_relative', tcpDerivedFast('tcp.time_relative')],
  ['tcp.time_delta', tcpDerivedFast('tcp.time_delta')],
  ['tcp.analysis.flags', tcpDerivedFast('tcp.analysis.flags')],
  ['tcp.analysis.duplicate_ack_num', tcpDerivedFast('tcp.analysis.duplicate_ack_num')],
  ['tcp.analysis.duplicate_ack_frame', tcpDerivedFast('tcp.analysis.duplicate_ack_frame')],
  ...ANALYSIS_FIELDS.map(([, name]): [string, IndexGetter] => [name, tcpDerivedFast(name)]),
  ['udp', transportField(17, (_ix, _i, out) => void out.push(PRESENT))],
  ['udp.srcport', transportField(17, (ix, i, out) => void out.push(ix.packets.sport[i]!))],
  ['udp.dstport', transportField(17, (ix, i, out) => void out.push(ix.packets.dport[i]!))],
  ['udp.port', transportField(17, (ix, i, out) => void out.push(ix.packets.sport[i]!, ix.packets.dport[i]!))],
  ...Object.entries(APP_DISSECTORS).map(([field, names]): [string, IndexGetter] => [field, appProto(names)]),
]);

/** The fast-path getter of a field, or undefined when only the tree has it. */
export function indexGetter(name: string): IndexGetter | undefined {
  return FAST.get(name);
}
