// electron/shared/: the contract, every message between processes as zod schemas.
//
// The one typed contract for every message between processes:
//  - EngineApi: renderer ⇄ engine host (over a MessagePort in Electron, a WebSocket in `serve`);
//  - SessionApi: renderer ⇄ main / serve host (files, dialogs, capture, preferences);
//  - events pushed the other way;
//  - the capture process's request and replies (capture-protocol.ts), the engine host's
//    control channel (engine-control.ts) and the preload's two IPC channel names (ipc-channels.ts).
// Every request is validated against these schemas at each process boundary (sizes capped).
import { z } from 'zod';
import { LADDER_WINDOW } from './ladder-window.js';
import { CaptureStatsDto, FieldInfoDto, FlowDto, InterfaceDto, LadderDto, PacketDetailDto, RowDto, UpdateDto } from './dto.js';
import { CapturePropertiesDto, FindingsDto, FollowDto, IoGraphDto, MAX_IO_INTERVALS, StatisticsDto } from './stats-dto.js';

const Index = z.number().int().nonnegative().max(2 ** 32);
/** A display-filter field's abbreviation (tcp.window_size_value). */
const FieldName = z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'a field name is letters, digits, _ . and -');
export const MAX_CUSTOM_COLUMNS = 32;
/** A custom column of the packet list: a field, its header, and whether it is shown. */
export const CustomColumn = z.object({ field: FieldName, title: z.string().min(1).max(128), hidden: z.boolean() });
export type CustomColumn = z.infer<typeof CustomColumn>;
const MAX_WINDOW = 5000;
const FilterText = z.string().max(4096);
/** A pcapng option holds at most 65535 bytes; a comment is kept well below (UTF-8 may take 3 bytes a character). */
export const MAX_COMMENT = 16384;
export const MAX_COMMENTS = 64;

/** What can be exported: all, the displayed (filtered) packets, the marked ones, a range, one flow. */
export const ExportSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('displayed') }),
  z.object({ kind: z.literal('marked') }),
  z.object({ kind: z.literal('range'), first: Index, last: Index }),
  z.object({ kind: z.literal('flow'), flow: Index }),
]);
export type ExportSelection = z.infer<typeof ExportSelection>;

export const ExportFormat = z.enum(['pcap', 'pcapng']);
/** File › Export Packet Dissections: plain text (summary and/or details), CSV of the columns, JSON. */
export const DissectionFormat = z.enum(['text', 'csv', 'json']);
export type DissectionFormat = z.infer<typeof DissectionFormat>;
export const DissectionRequest = z.object({ selection: ExportSelection, format: DissectionFormat, summary: z.boolean(), details: z.boolean() });
export type DissectionRequest = z.infer<typeof DissectionRequest>;

/** What the packet list's Info (and Protocol) column shows. */
export const InfoColumn = z.enum(['tcpdump', 'wireshark']);
export type InfoColumn = z.infer<typeof InfoColumn>;
/** View → Name Resolution (Wireshark's three toggles; all off is tshark -n). */
export const NameResolution = z.object({ mac: z.boolean(), transport: z.boolean(), network: z.boolean() });
export type NameResolution = z.infer<typeof NameResolution>;
/** The packet list's columns a header click sorts by. */
export const SortColumn = z.union([
  z.enum(['number', 'time', 'src', 'dst', 'protocol', 'length', 'info']),
  /** A custom column: `field:` and the field's abbreviation. */
  z.custom<`field:${string}`>((v) => typeof v === 'string' && /^field:[A-Za-z0-9_.-]{1,128}$/.test(v), 'a custom column is field:NAME'),
]);
export type SortColumn = z.infer<typeof SortColumn>;

/** Methods of the engine host: [params schema, result schema]. */
export const EngineMethods = {
  /** A window of rows by display index (after the filter). */
  rows: [z.object({ start: Index, count: z.number().int().min(0).max(MAX_WINDOW) }), z.object({ rows: z.array(RowDto), displayed: Index })],
  /** Display index of a packet (for "go to packet"); -1 when filtered out. */
  displayIndexOf: [z.object({ index: Index }), z.object({ displayIndex: z.number().int() })],
  packet: [z.object({ index: Index }), PacketDetailDto],
  flows: [z.object({}), z.object({ flows: z.array(FlowDto) })],
  /**
   * A window of a flow's ladder: `count` events (default and cap LADDER_WINDOW) from event
   * `from`, or centred on the event of packet `around`, or on the first event at `at` seconds
   * into the flow. The header (flow, lanes, handshake, back-off) is always whole; `total`
   * says how many events there are (a bulk flow has 100k+, sent whole they were 36 MB).
   */
  ladder: [
    z.object({ flow: Index, from: Index.optional(), count: z.number().int().min(1).max(LADDER_WINDOW).optional(), around: Index.optional(), at: z.number().finite().optional() }),
    LadderDto,
  ],
  /** Sets the display filter ('' clears it); errors carry the position. */
  setFilter: [
    z.object({ expression: FilterText }),
    z.object({ ok: z.boolean(), displayed: Index, error: z.object({ message: z.string(), position: z.number().int() }).optional() }),
  ],
  /** Every field the display filter knows, from the dissectors' declarations (completion, status bar). */
  fields: [z.object({}), z.object({ fields: z.array(FieldInfoDto).max(10000) })],
  /** Validates a display filter without applying it (filter bar colouring as you type). */
  checkFilter: [z.object({ expression: FilterText }), z.object({ ok: z.boolean(), error: z.object({ message: z.string(), position: z.number().int() }).optional() })],
  /**
   * The colouring rules rows are painted with (the user's preferences, Wireshark's
   * colorfilters model): display filters, first enabled match wins; a row's `colorRule` is the
   * matching rule's position in this list. Answers each rule's compile error (null when it compiles); a rule
   * that does not compile matches nothing.
   */
  setColorRules: [
    z.object({ rules: z.array(z.object({ name: z.string().max(128), filter: FilterText, enabled: z.boolean() })).max(256) }),
    z.object({ errors: z.array(z.object({ message: z.string(), position: z.number().int() }).nullable()) }),
  ],
  /** Finds the next packet (display order) from `from` whose Info/filter matches. */
  find: [
    z.object({ from: z.number().int().min(-1), text: z.string().max(1024), mode: z.enum(['filter', 'string']), backwards: z.boolean() }),
    z.object({ displayIndex: z.number().int() }),
  ],
  mark: [z.object({ index: Index, marked: z.boolean() }), z.object({ marked: Index })],
  /**
   * Edit > Packet Comment: the packet's pcapng comments (opt_comment), replaced whole; [] deletes
   * them. Shown in the tree and the Comment column, matched by frame.comment, kept by a pcapng export.
   */
  setComments: [z.object({ index: Index, comments: z.array(z.string().min(1).max(MAX_COMMENT)).max(MAX_COMMENTS) }), z.object({ commented: Index })],
  /**
   * Edit › Ignore/Unignore Packet (Ctrl+D), Ignore All Displayed (Ctrl+Shift+D), Unignore All
   * (Ctrl+Alt+D): an ignored packet shows as <Ignored>, undissected, matches no display filter
   * and is left out of the statistics and of exports. Answers how many are ignored.
   */
  ignore: [
    z.discriminatedUnion('what', [
      z.object({ what: z.literal('packet'), index: Index, ignored: z.boolean() }),
      z.object({ what: z.literal('displayed') }),
      z.object({ what: z.literal('none') }),
    ]),
    z.object({ ignored: Index }),
  ],
  /** Watches a flow: its new ladder events come with the batched updates. */
  watchFlow: [z.object({ flow: z.number().int().nonnegative() }), z.object({})],
  /** Writes the selection to a file chosen by the host (path is checked by the host, never the renderer). */
  exportTo: [
    z.object({ token: z.string().max(256), selection: ExportSelection, format: ExportFormat }),
    /** `commentsLost`: packets whose comments a pcap file could not keep (absent when none). */
    z.object({ packets: Index, bytes: z.number(), commentsLost: Index.optional() }),
  ],
  /** Export Packet Dissections to a file granted by the host (as exportTo): tshark's text, Wireshark's CSV, tshark's JSON. */
  exportDissections: [DissectionRequest.extend({ token: z.string().max(256) }), z.object({ packets: Index, bytes: z.number() })],
  /**
   * Conversations, Endpoints, Protocol Hierarchy and Expert Information from the engine's
   * tshark views; `displayed` limits them to the packets the display filter shows. With
   * `pass: false` only the TCP and UDP tables, at once from the index; otherwise (the default)
   * every table, from a pass over the packets whose progress the updates carry (`task`)
   * and that stopTask ends.
   */
  statistics: [z.object({ displayed: z.boolean(), pass: z.boolean().optional() }), StatisticsDto],
  /** I/O Graph: packets or bytes per interval for each graph (its own display filter, '' = all). */
  ioGraph: [
    z.object({
      intervalMs: z.number().min(0.001).max(86_400_000),
      graphs: z.array(z.object({ filter: FilterText, unit: z.enum(['packets', 'bytes']) })).min(1).max(8),
      /** More intervals than this in the range are drawn as their envelope (about two points a pixel). */
      maxPoints: z.number().int().min(16).max(MAX_IO_INTERVALS).optional(),
      /** Only these intervals (zoomed in): the counts are those of the last graph drawn. */
      range: z.object({ first: Index, last: Index }).optional(),
    }),
    IoGraphDto,
  ],
  /** The first packet of graph `graph` of the last I/O Graph in interval `interval` or after (click to go); -1 none. */
  ioPacketAt: [z.object({ graph: z.number().int().min(0).max(7), interval: Index }), z.object({ index: z.number().int() })],
  /** Follow TCP/UDP Stream of the stream packet `index` is in. */
  follow: [z.object({ index: Index, proto: z.enum(['tcp', 'udp']) }), FollowDto],
  captureProperties: [z.object({}), CapturePropertiesDto],
  /** Analyze › Findings: what went wrong in the capture, ranked by severity (from the index; DHCP leases read from their packets). */
  findings: [z.object({}), FindingsDto],
  /** The Info and Protocol columns: tcpdump's line, or Wireshark's text (rows fetched after this show it). */
  setInfoColumn: [z.object({ info: InfoColumn }), z.object({})],
  /** Which names the list and the tree show (rows and packets fetched after this show them). */
  setNameResolution: [NameResolution, z.object({})],
  /**
   * Sorts the displayed list by a column (null: back to packet order); rows are then fetched
   * by sorted position. Answers when the order is ready.
   */
  sort: [z.object({ column: SortColumn.nullable(), descending: z.boolean() }), z.object({ displayed: Index })],
  /**
   * The custom columns rows carry (`RowDto.custom`, in this order). An unknown field is
   * refused with its reason; answers each field's display name.
   */
  setCustomColumns: [z.object({ fields: z.array(FieldName).max(MAX_CUSTOM_COLUMNS) }), z.object({ titles: z.array(z.string()) })],
  /** Cancels a long operation (file load, filter, export). */
  cancel: [z.object({}), z.object({})],
  /** Stops the pass the updates' `task` reports (statistics, Wireshark's Info column), not the load. */
  stopTask: [z.object({}), z.object({})],
} as const;

export type EngineMethod = keyof typeof EngineMethods;
export type EngineParams<M extends EngineMethod> = z.infer<(typeof EngineMethods)[M][0]>;
export type EngineResult<M extends EngineMethod> = z.infer<(typeof EngineMethods)[M][1]>;

/** Events the engine host pushes. */
export const EngineEvents = {
  update: UpdateDto,
} as const;
export type EngineEvent = keyof typeof EngineEvents;

/**
 * A recently opened file. `size` and `modifiedAt` (ms since the epoch) describe the file as it
 * is now; a file that has gone stays listed with `missing` until the user removes it.
 */
export const RecentFile = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.number(),
  size: z.number().optional(),
  modifiedAt: z.number().optional(),
  missing: z.boolean().optional(),
});
/** The list a third of the height, the ladder most of the width beneath: the ladder gets room for its arrows. */
export const DEFAULT_PANES = { list: 36, ladder: 60 };

export const Preferences = z.object({
  theme: z.enum(['system', 'light', 'dark']),
  timeFormat: z.enum(['time', 'date', 'epoch', 'since-first', 'delta', 'delta-displayed', 'utc-time', 'utc-date']),
  colorRules: z.array(z.object({ name: z.string().max(128), filter: z.string().max(4096), fg: z.string().max(32), bg: z.string().max(32), enabled: z.boolean() })).max(256),
  captureBackend: z.enum(['auto', 'native', 'cap']),
  /** How many files the recent-files list keeps (Wireshark's "Show up to N files"). */
  recentFiles: z.number().int().min(0).max(100),
  /** The window's splits in percent: the packet list's height, and the ladder/flows tabs' width beside the tree and bytes. */
  panes: z.object({ list: z.number().min(10).max(90), ladder: z.number().min(10).max(90) }),
  /** The Info column: tcpdump's line (as `ackline read`) or Wireshark's text (as `ackline tshark`). */
  infoColumn: InfoColumn,
  /** The packet list's column widths in pixels, by column id (a column not here has its default width). */
  columnWidths: z.record(z.string().max(64), z.number().int().min(20).max(4000)),
  /** Custom columns (Apply as Column, Column Preferences), left to right before Info. */
  customColumns: z.array(CustomColumn).max(MAX_CUSTOM_COLUMNS),
  /** View → Name Resolution: off by default, like -n. */
  nameResolution: NameResolution,
});
export type Preferences = z.infer<typeof Preferences>;

export const CaptureOptions = z.object({
  interface: z.string().min(1).max(256),
  filter: z.string().max(4096),
  snaplen: z.number().int().min(64).max(262144),
  promiscuous: z.boolean(),
  bufferSizeMb: z.number().int().min(1).max(1024),
});
export type CaptureOptions = z.infer<typeof CaptureOptions>;

export const SessionInfo = z.object({
  /** What the window shows: a file name, an interface, or nothing yet. */
  title: z.string(),
  source: z.enum(['none', 'file', 'capture']),
  path: z.string().optional(),
  unsaved: z.boolean(),
  /** Name of the capture backend in use and its limits, when capturing. */
  backend: z.string().optional(),
  /** True while a live capture is running (false once it stopped, by request or by itself). */
  live: z.boolean().optional(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** Methods of the session host (main process in Electron, the Node server in `serve`). */
export const SessionMethods = {
  info: [z.object({}), SessionInfo],
  /** Opens a file by path (from recent files, a drop, a sample) — the host checks it. */
  openPath: [z.object({ path: z.string().min(1).max(4096) }), SessionInfo],
  /** Shows the host's open dialog (Electron) or the file picker flow (serve). */
  openDialog: [z.object({}), SessionInfo],
  /** Opens bytes the renderer got from a drop / file input (serve, or a drag from outside). */
  openBytes: [z.object({ name: z.string().max(512), bytes: z.instanceof(Uint8Array) }), SessionInfo],
  /** Opens a file the page uploaded to the host (serve: POST /upload answered this id). */
  openUpload: [z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) }), SessionInfo],
  samples: [z.object({}), z.object({ samples: z.array(z.object({ id: z.string(), title: z.string(), description: z.string() })) })],
  openSample: [z.object({ id: z.string().max(128) }), SessionInfo],
  recentFiles: [z.object({}), z.object({ files: z.array(RecentFile) })],
  /** Takes a file off the recent-files list (a missing one, or any). */
  removeRecent: [z.object({ path: z.string().max(4096) }), z.object({ files: z.array(RecentFile) })],
  /**
   * Save / save as / export: the host asks where (dialog or download) and writes through the
   * engine; a host that hands files over (serve) answers with the download's URL. Save of a
   * file that is already saved is Save As, as in Wireshark.
   */
  save: [z.object({ as: z.boolean() }), z.object({ saved: z.boolean(), path: z.string().optional(), url: z.string().optional() })],
  /**
   * The capture was changed in the window (a packet comment written): it becomes unsaved, so
   * closing asks first, as Wireshark does for an edited file. Answers (and pushes) the session.
   */
  markEdited: [z.object({}), SessionInfo],
  /** File › Export Packet Dissections: asks where (dialog or download), the engine writes. */
  exportDissections: [DissectionRequest, z.object({ saved: z.boolean(), path: z.string().optional(), url: z.string().optional(), packets: Index })],
  exportPackets: [z.object({ selection: ExportSelection, format: ExportFormat }), z.object({ saved: z.boolean(), path: z.string().optional(), url: z.string().optional(), packets: Index })],
  close: [z.object({ force: z.boolean() }), z.object({ closed: z.boolean(), needsConfirm: z.boolean() })],
  interfaces: [z.object({}), z.object({ interfaces: z.array(InterfaceDto) })],
  /** Can we capture on this interface? `grant` = the host can set the rights up itself (polkit). */
  preflight: [
    z.object({ interface: z.string().max(256) }),
    z.object({ ok: z.boolean(), problem: z.string().optional(), fix: z.string().optional(), grant: z.boolean().optional() }),
  ],
  /** Sets up capture rights through the OS's administrator prompt (Linux: pkexec), once. */
  grantCaptureRights: [z.object({}), z.object({ ok: z.boolean(), message: z.string() })],
  checkCaptureFilter: [z.object({ filter: z.string().max(4096) }), z.object({ ok: z.boolean(), error: z.string().optional() })],
  /**
   * The capture filter a new capture starts with, and why: `serve` leaves out the page's own
   * connection to it (on lo it would record itself and feed on its own traffic); the desktop
   * app has none.
   */
  captureDefaults: [z.object({}), z.object({ filter: z.string(), note: z.string().optional() })],
  startCapture: [CaptureOptions, SessionInfo],
  stopCapture: [z.object({}), z.object({ stats: CaptureStatsDto })],
  getPreferences: [z.object({}), Preferences],
  setPreferences: [Preferences, Preferences],
} as const;

export type SessionMethod = keyof typeof SessionMethods;
export type SessionParams<M extends SessionMethod> = z.infer<(typeof SessionMethods)[M][0]>;
export type SessionResult<M extends SessionMethod> = z.infer<(typeof SessionMethods)[M][1]>;

/** Events the session host pushes: menu commands, session changes, interface traffic. */
export const SessionEvents = {
  /** A new engine is attached (after open/capture): the renderer resets its views. */
  session: SessionInfo,
  /** Application menu / accelerator commands (Wireshark's shortcuts). */
  command: z.object({
    command: z.enum([
      'open', 'open-recent', 'save', 'save-as', 'export', 'close', 'quit', 'capture-toggle', 'capture-options', 'find', 'find-next',
      'find-previous', 'go-to', 'first', 'last', 'mark', 'zoom-in', 'zoom-out', 'zoom-reset', 'refresh-interfaces', 'next-in-conversation',
      'previous-in-conversation', 'back', 'forward', 'time-reference', 'next-packet', 'previous-packet', 'preferences', 'colorize',
      'display-filter', 'conversation-filter', 'clear-filter', 'flows', 'timeline', 'shortcuts', 'about',
      'capture-properties', 'protocol-hierarchy', 'conversations', 'endpoints', 'io-graph', 'expert-info', 'findings', 'follow-tcp', 'follow-udp',
      'packet-comment', 'comment-column', 'ignore', 'ignore-displayed', 'unignore-all', 'export-dissections',
      'names-mac', 'names-transport', 'names-network',
    ]),
  }),
  /** Per-interface packet rates for the capture-options sparklines (once a second). */
  traffic: z.object({ rates: z.record(z.string(), z.number()) }),
  message: z.object({ level: z.enum(['info', 'warning', 'error']), text: z.string() }),
} as const;
export type SessionEvent = keyof typeof SessionEvents;
