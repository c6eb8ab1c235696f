// Data shapes of the statistics windows (Statistics menu, Follow Stream): what the engine's
// tshark views (electron/engine/tshark/) compute, as they cross to the renderer.
import { z } from 'zod';

const Count = z.number().int().nonnegative();

export const ConvKindDto = z.enum(['eth', 'ip', 'ipv6', 'tcp', 'udp']);
export type ConvKindDto = z.infer<typeof ConvKindDto>;

/** One conversation: A is the source of its first counted packet; times in seconds since the first packet. */
export const ConversationDto = z.object({
  a: z.string(),
  b: z.string(),
  aPort: Count,
  bPort: Count,
  framesAB: Count,
  bytesAB: Count,
  framesBA: Count,
  bytesBA: Count,
  start: z.number(),
  duration: z.number(),
});
export type ConversationDto = z.infer<typeof ConversationDto>;

export const EndpointDto = z.object({ address: z.string(), port: Count, txFrames: Count, txBytes: Count, rxFrames: Count, rxBytes: Count });
export type EndpointDto = z.infer<typeof EndpointDto>;

export interface PhsNodeDto {
  protocol: string;
  frames: number;
  bytes: number;
  children: PhsNodeDto[];
}
export const PhsNodeDto: z.ZodType<PhsNodeDto> = z.lazy(() => z.object({ protocol: z.string(), frames: Count, bytes: Count, children: z.array(PhsNodeDto) }));

export const ExpertSeverityDto = z.enum(['error', 'warn', 'note', 'chat', 'comment']);
export type ExpertSeverityDto = z.infer<typeof ExpertSeverityDto>;

/** One expert message and the packets (0-based indices, the first EXPERT_PACKETS of them) it was raised on. */
export const ExpertEntryDto = z.object({
  severity: ExpertSeverityDto,
  group: z.string(),
  protocol: z.string(),
  summary: z.string(),
  count: Count,
  packets: z.array(Count),
});
export type ExpertEntryDto = z.infer<typeof ExpertEntryDto>;

/** Tables longer than this are cut (the count of the rest is given). */
export const MAX_STAT_ROWS = 50_000;
export const EXPERT_PACKETS = 1000;

const Tables = <T extends z.ZodTypeAny>(row: T) => z.object({ eth: z.array(row), ip: z.array(row), ipv6: z.array(row), tcp: z.array(row), udp: z.array(row) });

export const StatisticsDto = z.object({
  /** The packets counted (all, or the displayed ones). */
  packets: Count,
  /** The display filter they were limited to ('' = none). */
  filter: z.string(),
  /**
   * Only the tables the capture index answers (TCP and UDP conversations and endpoints):
   * Ethernet, IPv4, IPv6, the hierarchy and the expert items need a pass and are empty.
   */
  pending: z.boolean(),
  conversations: Tables(ConversationDto),
  endpoints: Tables(EndpointDto),
  /** Rows left out of each table beyond MAX_STAT_ROWS. */
  cut: Count,
  hierarchy: z.array(PhsNodeDto),
  expert: z.array(ExpertEntryDto),
});
export type StatisticsDto = z.infer<typeof StatisticsDto>;

/** An I/O Graph's counts: per interval, packets or bytes, as a little-endian Float64 array (a million intervals travel as 8 MB of binary, not JSON). */
export const IoSeriesDto = z.object({
  filter: z.string(),
  values: z.instanceof(Uint8Array),
  error: z.string().optional(),
});
export type IoSeriesDto = z.infer<typeof IoSeriesDto>;

export const IoGraphDto = z.object({
  /** Seconds of the first packet (interval 0 starts there). */
  start: z.number(),
  intervalMs: z.number().positive(),
  /** Intervals in the whole capture. */
  intervals: Count,
  /**
   * Where each value sits, in intervals (Float64, fractional), when the range asked for had
   * more intervals than maxPoints: each run of intervals is then drawn by its largest and
   * smallest value (the envelope a screen can show). Absent: one value an interval of the range.
   */
  x: z.instanceof(Uint8Array).optional(),
  /** The first interval of the range the values cover. */
  first: Count,
  series: z.array(IoSeriesDto),
});
export type IoGraphDto = z.infer<typeof IoGraphDto>;

/** At most this many intervals (a million points draw in well under a second). */
export const MAX_IO_INTERVALS = 2_000_000;

export const FollowChunkDto = z.object({
  server: z.boolean(),
  /** 1-based frame number of the packet the bytes came in. */
  frame: z.number().int().positive(),
  /** The chunk's bytes are data[start, end). */
  start: Count,
  end: Count,
  /** "[N bytes missing in capture file]" stands for bytes the capture lacks. */
  missing: z.boolean(),
});
export type FollowChunkDto = z.infer<typeof FollowChunkDto>;

export const FollowDto = z.object({
  proto: z.enum(['tcp', 'udp']),
  stream: Count,
  /** The display filter of the stream (Wireshark's "tcp.stream eq N"). */
  filter: z.string(),
  /** The session's flow (for the ladder), 0 when none. */
  flow: Count,
  client: z.object({ address: z.string(), port: Count }),
  server: z.object({ address: z.string(), port: Count }),
  chunks: z.array(FollowChunkDto),
  data: z.instanceof(Uint8Array),
  /** Bytes left out beyond MAX_FOLLOW_BYTES. */
  cut: Count,
});
export type FollowDto = z.infer<typeof FollowDto>;

export const MAX_FOLLOW_BYTES = 32 * 1024 * 1024;

/** Analyze › Findings: one thing that went wrong (or took long), in plain language (see engine/flows/findings.ts). */
export const FindingDto = z.object({
  severity: z.enum(['error', 'warning', 'note']),
  kind: z.enum(['refused', 'unanswered', 'reset', 'zero-window', 'retransmissions', 'dhcp']),
  /** The connection or service it is about: the pane groups by it. */
  subject: z.string(),
  text: z.string(),
  /** Flows concerned: the first one's ladder is shown. */
  flows: z.array(Count),
  /** Packets (0-based indices) to go to, the first selected. */
  packets: z.array(Count),
  filter: z.string(),
});
export type FindingDto = z.infer<typeof FindingDto>;

export const FindingsDto = z.object({ packets: Count, findings: z.array(FindingDto) });
export type FindingsDto = z.infer<typeof FindingsDto>;

/** Statistics › Capture File Properties: capinfos' facts. */
export const CapturePropertiesDto = z.object({
  format: z.string(),
  encapsulations: z.array(z.string()),
  packets: Count,
  dataBytes: Count,
  capturedBytes: Count,
  /** Seconds since 1970 of the first and last packet (absent without packets). */
  first: z.number().optional(),
  last: z.number().optional(),
  snaplen: z.number().int().optional(),
  hardware: z.string().optional(),
  os: z.string().optional(),
  application: z.string().optional(),
  comments: z.array(z.string()),
  interfaces: z.array(z.object({ name: z.string(), description: z.string(), linktype: z.string(), snaplen: z.number().int() })),
  displayed: Count,
  marked: Count,
});
export type CapturePropertiesDto = z.infer<typeof CapturePropertiesDto>;
