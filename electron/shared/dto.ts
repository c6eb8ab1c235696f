// Data shapes that cross process boundaries (engine host ⇄ renderer ⇄ main ⇄ serve).
// Plain JSON-compatible objects (bytes as Uint8Array, which structured clone and our
// WebSocket codec both carry). Schemas that validate them live in contract.ts.
import { z } from 'zod';

/**
 * A packet's time: seconds since 1970 (negative before it: a pcapng if_tsoffset can make them
 * so) and the fraction in nanoseconds (≥ 1e9 for a broken pcap µs field, kept as read).
 */
export const TimeDto = z.object({ sec: z.number().int(), nsec: z.number().int().nonnegative() });
export type TimeDto = z.infer<typeof TimeDto>;

/** One row of the packet list. */
export const RowDto = z.object({
  /** 0-based index in the capture. */
  index: z.number().int().nonnegative(),
  /** frame.number (1-based). */
  number: z.number().int().positive(),
  time: TimeDto,
  src: z.string(),
  dst: z.string(),
  protocol: z.string(),
  length: z.number().int().nonnegative(),
  /** The tcpdump -n line without its timestamp (Info column). */
  info: z.string(),
  flow: z.number().int().nonnegative(),
  /** tcp.analysis.* field names set on the packet. */
  analysis: z.array(z.string()),
  marked: z.boolean(),
  /**
   * Position of the first enabled colouring rule that matched, in the list last given to
   * setColorRules (-1 none): by position, not by name, since two rules may share a name.
   */
  colorRule: z.number().int().min(-1),
  malformed: z.boolean(),
  /** The packet's pcapng comments (frame.comment), when it has any: the Comment column. */
  comments: z.array(z.string()).optional(),
  /** The custom columns' texts (setCustomColumns' fields, in order), as tshark -T fields prints them. */
  custom: z.array(z.string()).optional(),
  /** Ignored by the user (Ctrl+D): shown as <Ignored>, not dissected. */
  ignored: z.boolean().optional(),
  /**
   * What the delta columns count from, in packet order whatever order the list is in: the
   * previous captured packet's time (frame.time_delta) and the previous displayed one's
   * (frame.time_delta_displayed); absent on the first.
   */
  previous: TimeDto.optional(),
  previousDisplayed: TimeDto.optional(),
  /** Wireshark's Protocol/Info are still being computed: these are tcpdump's, for now. */
  pending: z.boolean().optional(),
});
export type RowDto = z.infer<typeof RowDto>;

export interface FieldNodeDto {
  field: string;
  label: string;
  offset: number;
  length: number;
  value?: string | number | boolean;
  children?: FieldNodeDto[];
  expert?: { severity: 'chat' | 'note' | 'warning' | 'error'; group: string; message: string };
  truncated?: boolean;
}
export const FieldNodeDto: z.ZodType<FieldNodeDto> = z.lazy(() =>
  z.object({
    field: z.string(),
    label: z.string(),
    offset: z.number().int(),
    length: z.number().int(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    children: z.array(FieldNodeDto).optional(),
    expert: z.object({ severity: z.enum(['chat', 'note', 'warning', 'error']), group: z.string(), message: z.string() }).optional(),
    truncated: z.boolean().optional(),
  }),
);

/**
 * A field the display filter knows, as its dissector declares it: for completion in the
 * filter bar and the field's name in the status bar.
 */
export const FieldInfoDto = z.object({
  /** The abbreviation: tree key, filter name, column id (`tcp.window_size_value`). */
  abbrev: z.string().max(128),
  /** Display name (`Window`). */
  name: z.string().max(256),
  type: z.enum(['protocol', 'none', 'uint', 'int', 'bool', 'float', 'ipv4', 'ipv6', 'ether', 'string', 'bytes']),
});
export type FieldInfoDto = z.infer<typeof FieldInfoDto>;

/** The selected packet: detail tree and raw bytes (for the hex pane). */
export const PacketDetailDto = z.object({
  index: z.number().int().nonnegative(),
  number: z.number().int().positive(),
  line: z.string(),
  tree: z.array(FieldNodeDto),
  bytes: z.instanceof(Uint8Array),
  comments: z.array(z.string()).optional(),
});
export type PacketDetailDto = z.infer<typeof PacketDetailDto>;

export const FlowKindDto = z.enum(['tcp', 'udp', 'icmp', 'icmpv6', 'arp', 'dhcp', 'dns', 'ip']);

export const FlowDto = z.object({
  id: z.number().int().positive(),
  kind: FlowKindDto,
  /** Endpoint strings as shown ("192.0.2.10:56368", "[2001:db8::1]:80", "192.0.2.10"). */
  a: z.string(),
  b: z.string(),
  packets: z.tuple([z.number().int(), z.number().int()]),
  bytes: z.tuple([z.number().int(), z.number().int()]),
  first: TimeDto,
  last: TimeDto,
  /** Handshake round-trip time in seconds, when known. */
  irtt: z.number().optional(),
  /** complete | reset | refused | unanswered | half-closed | open | started-before-capture | '' */
  outcome: z.string(),
  /** Count of packets with any tcp.analysis problem flag. */
  problems: z.number().int().nonnegative(),
  /** Client/server state summary, e.g. "TIME_WAIT / CLOSED". */
  state: z.string().optional(),
  /**
   * The display filter that selects this flow when its endpoints cannot (a DHCP transaction:
   * `dhcp.id == 0x…`, as Wireshark writes it); absent when the endpoints say it.
   */
  filter: z.string().optional(),
});
export type FlowDto = z.infer<typeof FlowDto>;

/** One arrow of a ladder diagram. */
export const LadderEventDto = z.object({
  index: z.number().int().nonnegative(),
  number: z.number().int().positive(),
  time: TimeDto,
  /** Seconds since the flow's first packet. */
  rel: z.number(),
  /** 0 = client → server (A → B), 1 = server → client. */
  dir: z.union([z.literal(0), z.literal(1)]),
  /** Label as tcpdump writes it (`S`, `S.`, `P.`, `who-has`, `DHCP Offer` ...). */
  label: z.string(),
  detail: z.string(),
  analysis: z.array(z.string()),
  /** Each side's state after the event (TCP), '' when not applicable. */
  clientState: z.string(),
  serverState: z.string(),
  /** States a side passed through during the event before that one (FIN_WAIT_1 -> CLOSING -> TIME_WAIT). */
  clientVia: z.array(z.string()).optional(),
  serverVia: z.array(z.string()).optional(),
  explain: z.string(),
  /** A segment the capture missed, drawn as a ghost arrow. */
  ghost: z.boolean(),
  /** Retransmission group id and gap to the previous try, seconds. */
  retransmitGroup: z.number().int().optional(),
  gap: z.number().optional(),
});
export type LadderEventDto = z.infer<typeof LadderEventDto>;

export const LadderDto = z.object({
  flow: FlowDto,
  /** Rail labels: client (A) and server (B). */
  client: z.string(),
  server: z.string(),
  /** What each rail is in the conversation: client/server, asker/target, DHCP client/DHCP server, ... */
  clientRole: z.string().optional(),
  serverRole: z.string().optional(),
  /** The window's events: events[k] is event `from + k` of the `total`. */
  events: z.array(LadderEventDto),
  from: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Handshake times in seconds when seen. */
  handshake: z.object({ synToSynAck: z.number().optional(), synAckToAck: z.number().optional(), total: z.number().optional() }),
  backoff: z.array(
    z.object({
      group: z.number().int(),
      label: z.string(),
      intervals: z.array(z.number()),
      doubles: z.boolean(),
      deviation: z.number(),
    }),
  ),
});
export type LadderDto = z.infer<typeof LadderDto>;

export const InterfaceDto = z.object({
  name: z.string(),
  description: z.string(),
  addresses: z.array(z.string()),
  loopback: z.boolean(),
  up: z.boolean(),
  running: z.boolean(),
  wireless: z.boolean(),
});
export type InterfaceDto = z.infer<typeof InterfaceDto>;

export const CaptureStatsDto = z.object({
  received: z.number().int().nonnegative(),
  droppedByKernel: z.number().int().nonnegative(),
  droppedByInterface: z.number().int().nonnegative(),
});
export type CaptureStatsDto = z.infer<typeof CaptureStatsDto>;

/** Batched state the engine host pushes to the renderer, at most 10 times a second. */
export const UpdateDto = z.object({
  packets: z.number().int().nonnegative(),
  displayed: z.number().int().nonnegative(),
  marked: z.number().int().nonnegative(),
  /** Loading progress (file open): bytes read of total, done when finished. */
  progress: z.object({ bytes: z.number(), total: z.number(), done: z.boolean() }).optional(),
  /** A pass over the packets that runs (statistics, Wireshark's Info column): packets done of total; absent when none runs. */
  task: z.object({ name: z.string(), done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).optional(),
  /** Rows were sent pending (see RowDto.pending) and their columns are now known: fetch them again. */
  repaint: z.boolean().optional(),
  changedFlows: z.array(FlowDto),
  /**
   * The watched flow's ladder events from position `ladderFrom` on: the new ones, preceded by
   * any sent before whose state an answer has since made known (a SYN's server, unknown until
   * the SYN-ACK shows it was listening). The page replaces the events it has at those positions.
   * At most the last LADDER_WINDOW new events: a bulk flow grows by thousands an update, and
   * a `ladderFrom` past what the page holds says how many were left out.
   */
  ladderEvents: z.array(LadderEventDto).optional(),
  ladderFrom: z.number().int().nonnegative().optional(),
  stats: CaptureStatsDto.optional(),
  expert: z.object({ errors: z.number().int(), warnings: z.number().int(), notes: z.number().int() }),
  error: z.string().optional(),
});
export type UpdateDto = z.infer<typeof UpdateDto>;
