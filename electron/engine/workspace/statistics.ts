// Statistics › Conversations, Endpoints, Protocol Hierarchy and Analyze › Expert Information
// for the app, from the engine's tshark views (the same taps as `ackline tshark -q -z
// conv,…/endpoints,…/io,phs/expert`), optionally limited to the displayed packets as
// Wireshark's "Limit to display filter".
//
// The TCP and UDP tabs need nothing but the capture index (addresses, ports, flow, time,
// length): they are counted at once, without reading a packet. Ethernet, IPv4 and IPv6
// (tunnels are layers of their own), the hierarchy and the expert items need every packet
// dissected: that pass runs only when asked for, reports its progress and can be stopped.
import { MAX_STAT_ROWS, type ConvKindDto, type ConversationDto, type EndpointDto, type PhsNodeDto, type StatisticsDto } from '../../shared/stats-dto.js';
import { ConversationTap } from '../tshark/conversations.js';
import { EndpointTap } from '../tshark/endpoints.js';
import { ProtocolHierarchyTap, type PhsNode } from '../tshark/protocol-hierarchy.js';
import { nsToSec } from '../tshark/tap.js';
import type { DisplayList } from './display-list.js';
import { ExpertPacketsTap } from './expert-packets-tap.js';
import { transportTables } from './index-conversations.js';
import { allPackets, packetList, runTaps, type TapSource } from './tap-pass.js';

const KINDS: readonly ConvKindDto[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];
const LAYER_KINDS = ['eth', 'ip', 'ipv6'] as const;

function phs(nodes: readonly PhsNode[]): PhsNodeDto[] {
  return nodes.map((n) => ({ protocol: n.protocol, frames: n.frames, bytes: n.bytes, children: phs(n.children) }));
}

export interface StatisticsRequest {
  /** Limit to the displayed packets (the display filter's text), or null for all. */
  readonly limit: { readonly filter: string } | null;
  /** Also the tables that need every packet dissected (false: TCP and UDP only, from the index). */
  readonly pass: boolean;
  readonly signal: AbortSignal;
  /** Packets dissected so far of the pass's total (called between chunks). */
  readonly progress?: (done: number, total: number) => void;
}

/** Computes the tables asked for; null when cancelled. */
export async function computeStatistics(src: TapSource, display: DisplayList, req: StatisticsRequest): Promise<StatisticsDto | null> {
  const conv = new Map<ConvKindDto, ConversationTap>(KINDS.map((k) => [k, new ConversationTap(k)]));
  const ends = new Map<ConvKindDto, EndpointTap>(KINDS.map((k) => [k, new EndpointTap(k)]));
  const hierarchy = new ProtocolHierarchyTap();
  const expert = new ExpertPacketsTap();
  const n = src.index.packets.length;
  const limited = req.limit !== null && display.filtered;
  // The packets counted: the displayed ones as they are now (a filter applied while the pass
  // runs must not mix two filters' packets in one table), never the ignored ones.
  const ignored = src.ignored && src.ignored.size > 0 ? src.ignored : null;
  let shown: Uint32Array | null = null;
  if (limited || ignored) {
    const list: number[] = [];
    if (limited) {
      for (let d = 0; d < display.count; d++) if (!ignored?.has(display.at(d))) list.push(display.at(d));
    } else for (let i = 0; i < n; i++) if (!ignored!.has(i)) list.push(i);
    shown = Uint32Array.from(list);
  }
  const inShown = shown ? new Uint8Array(n) : null;
  if (shown && inShown) for (const i of shown) if (i < n) inShown[i] = 1;
  const fast = await transportTables(src.index, shown ? packetList(shown) : allPackets(n), req.signal);
  if (!fast) return null;
  if (req.pass) {
    const taps = [...LAYER_KINDS.map((k) => conv.get(k)!), ...LAYER_KINDS.map((k) => ends.get(k)!), hierarchy, expert];
    // The pass sees every packet (the TCP analysis needs them all) and taps the counted ones.
    const ok = await runTaps(src, allPackets(n), taps, (i) => !inShown || inShown[i] === 1, req.signal, false, req.progress);
    if (!ok) return null;
  }
  let cut = 0;
  const capped = <T>(rows: readonly T[]): T[] => {
    cut += Math.max(0, rows.length - MAX_STAT_ROWS);
    return rows.slice(0, MAX_STAT_ROWS);
  };
  const conversations = Object.fromEntries(
    KINDS.map((k) => [
      k,
      capped(k === 'tcp' || k === 'udp' ? fast.conversations[k] : conv.get(k)!.table()).map(
        (r): ConversationDto => ({
          a: r.a,
          b: r.b,
          aPort: r.aPort,
          bPort: r.bPort,
          framesAB: r.framesAB,
          bytesAB: r.bytesAB,
          framesBA: r.framesBA,
          bytesBA: r.bytesBA,
          start: nsToSec(r.start),
          duration: nsToSec(r.stop) - nsToSec(r.start),
        }),
      ),
    ]),
  ) as Record<ConvKindDto, ConversationDto[]>;
  const endpoints = Object.fromEntries(KINDS.map((k) => [k, capped(k === 'tcp' || k === 'udp' ? fast.endpoints[k] : ends.get(k)!.table()).map((r): EndpointDto => ({ ...r }))])) as Record<ConvKindDto, EndpointDto[]>;
  return {
    packets: shown ? shown.length : n,
    filter: limited ? req.limit!.filter : '',
    pending: !req.pass,
    conversations,
    endpoints,
    cut,
    hierarchy: phs(hierarchy.tree()),
    expert: expert.table(),
  };
}
