// One packet as the JSON object `ackline read --jsonl` prints.
import type { DissectResult } from '../engine/dissect/dissect-frame.js';
import type { PacketRecord } from '../capfile/types.js';

export interface PacketJson {
  number: number;
  /** Seconds since the epoch with nine decimals (as tshark's frame.time_epoch). */
  timestamp: string;
  caplen: number;
  len: number;
  interface: number;
  line: string;
  protocol: string;
  src: string;
  dst: string;
  malformed: boolean;
  truncated: boolean;
  comments?: readonly string[];
  tree: unknown;
  /** Flow (conversation) id from the CaptureIndex, 0 when the packet belongs to none. */
  flow?: number;
  /** tcp.analysis.* field names set on the packet (empty when none). */
  analysis?: string[];
}

export function packetJson(rec: PacketRecord, line: string, result: DissectResult): PacketJson {
  const f = result.facts;
  const j: PacketJson = {
    number: rec.number,
    timestamp: `${rec.tsSec + Math.floor(rec.tsNsec / 1e9)}.${String(rec.tsNsec % 1e9).padStart(9, '0')}`,
    caplen: rec.caplen,
    len: rec.wirelen,
    interface: rec.interfaceId,
    line,
    protocol: f.protocol,
    src: f.src,
    dst: f.dst,
    malformed: f.malformed,
    truncated: f.truncated,
    tree: result.tree,
  };
  if (rec.comments?.length) j.comments = rec.comments;
  return j;
}
