// Statistics › Conversations, Endpoints, Protocol Hierarchy and Analyze › Expert Information
// for the app, from one pass of the engine's tshark views over the capture (the same taps as
// `ackline tshark -q -z conv,…/endpoints,…/io,phs/expert`), optionally limited to the
// displayed packets as Wireshark's "Limit to display filter".
import { MAX_STAT_ROWS, type ConvKindDto, type ConversationDto, type EndpointDto, type PhsNodeDto, type StatisticsDto } from '../../shared/stats-dto.js';
import { ConversationTap } from '../tshark/conversations.js';
import { EndpointTap } from '../tshark/endpoints.js';
import { ProtocolHierarchyTap, type PhsNode } from '../tshark/protocol-hierarchy.js';
import { nsToSec } from '../tshark/tap.js';
import type { DisplayList } from './display-list.js';
import { ExpertPacketsTap } from './expert-packets-tap.js';
import { allPackets, runTaps, type TapSource } from './tap-pass.js';

const KINDS: readonly ConvKindDto[] = ['eth', 'ip', 'ipv6', 'tcp', 'udp'];

function phs(nodes: readonly PhsNode[]): PhsNodeDto[] {
  return nodes.map((n) => ({ protocol: n.protocol, frames: n.frames, bytes: n.bytes, children: phs(n.children) }));
}

/** Computes every table; null when cancelled. */
export async function computeStatistics(src: TapSource, display: DisplayList, limit: { filter: string } | null, signal: AbortSignal): Promise<StatisticsDto | null> {
  const conv = KINDS.map((k) => new ConversationTap(k));
  const ends = KINDS.map((k) => new EndpointTap(k));
  const hierarchy = new ProtocolHierarchyTap();
  const expert = new ExpertPacketsTap();
  const n = src.index.packets.length;
  let counted = 0;
  const limited = limit !== null && display.filtered;
  const ok = await runTaps(src, allPackets(n), [...conv, ...ends, hierarchy, expert], (i) => {
    const yes = !src.ignored?.has(i) && (!limited || display.indexOf(i) >= 0);
    if (yes) counted++;
    return yes;
  }, signal);
  if (!ok) return null;
  let cut = 0;
  const capped = <T>(rows: readonly T[]): T[] => {
    cut += Math.max(0, rows.length - MAX_STAT_ROWS);
    return rows.slice(0, MAX_STAT_ROWS);
  };
  const conversations = Object.fromEntries(
    KINDS.map((k, j) => [
      k,
      capped(conv[j]!.table()).map(
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
  const endpoints = Object.fromEntries(KINDS.map((k, j) => [k, capped(ends[j]!.table()).map((r): EndpointDto => ({ ...r }))])) as Record<ConvKindDto, EndpointDto[]>;
  return {
    packets: counted,
    filter: limited ? limit.filter : '',
    conversations,
    endpoints,
    cut,
    hierarchy: phs(hierarchy.tree()),
    expert: expert.table(),
  };
}
