// TEST-ONLY: a fake engine + session host answering the contract over the synthetic
// capture, for store/component tests and for the screenshot harness. It is never part
// of the app bundle (it lives under test/ and nothing in renderer/ imports it).
import { RpcServer, type Endpoint } from '../../../electron/shared/rpc.js';
import { EngineEvents, EngineMethods, SessionEvents, SessionMethods, type Preferences, type SessionInfo } from '../../../electron/shared/contract.js';
import type { EngineParams } from '../../../electron/shared/contract.js';
import type { FlowDto, LadderDto, UpdateDto } from '../../../electron/shared/dto.js';
import { LADDER_WINDOW } from '../../../electron/shared/ladder-window.js';
import { fieldInfos } from '../../../electron/engine/workspace/field-infos.js';
import { CYCLE, detailOf, flowDtoOf, flowOf, ladderOf, rowOf } from './synthetic-capture.js';

export const SAMPLES = [
  { id: 'tcp-handshake', title: 'TCP handshake and close', description: 'A short HTTP-like exchange: SYN, SYN-ACK, ACK, data, FIN both ways, TIME_WAIT.' },
  { id: 'tcp-syn-retries', title: 'SYN retries into a black hole', description: 'The client retries its SYN with exponential back-off; nobody answers.' },
  { id: 'tcp-rst-closed-port', title: 'RST from a closed port', description: 'The server answers the SYN with a reset: connection refused.' },
  { id: 'dhcp-dora', title: 'DHCP lease', description: 'Discover, Offer, Request, ACK.' },
  { id: 'arp', title: 'ARP request and reply', description: 'Who has 192.0.2.20? It is at 02:00:00:0a:00:20.' },
];

/** Filters the fake understands: '' and protocol names ("tcp", "arp"). */
function fakeFilter(expr: string): { ok: boolean; proto?: string; error?: { message: string; position: number } } {
  const e = expr.trim();
  if (e === '') return { ok: true };
  if (e === 'tcp' || e === 'arp') return { ok: true, proto: e.toUpperCase() };
  return { ok: false, error: { message: `"${e.split(/\s/)[0]}" is not a valid protocol or field`, position: 0 } };
}

export interface FakeHostOptions {
  packets?: number;
  /** Milliseconds of artificial latency per engine call (tests of races). */
  latency?: number;
  /** The first N rows/flows calls fail as a real engine does before it has opened its source. */
  notOpenFor?: number;
  /** A whole ladder for a flow (e.g. a bulk flow's 100k events), answered a window at a time. */
  ladderOf?: (flow: number) => LadderDto | undefined;
}

/** The engine's window rule (electron/engine/workspace/ladder-cache.ts ladderWindow) over a whole ladder. */
function ladderWindow(l: LadderDto, p: EngineParams<'ladder'>): LadderDto {
  const all = l.events;
  const n = all.length;
  const count = Math.min(p.count ?? LADDER_WINDOW, LADDER_WINDOW);
  let centre = -1;
  if (p.around !== undefined) centre = all.findIndex((e) => e.index === p.around && !e.ghost);
  else if (p.at !== undefined) {
    const at = p.at;
    centre = all.findIndex((e) => e.rel >= at);
    if (centre < 0) centre = n - 1;
  }
  const from = centre >= 0 ? Math.max(0, Math.min(centre - Math.floor(count / 2), n - count)) : Math.min(p.from ?? 0, n);
  return { ...l, from, total: n, events: all.slice(from, from + count) };
}

export class FakeHost {
  packets: number;
  marks = new Set<number>();
  filter: string | undefined;
  /** Display index → packet index (only when a filter is set). */
  private map: number[] | undefined;
  info: SessionInfo = { title: '', source: 'none', unsaved: false };
  recent: { path: string; name: string; openedAt: number; size?: number; modifiedAt?: number; missing?: boolean }[] = [
    { path: '/home/user/captures/office-dhcp.pcapng', name: 'office-dhcp.pcapng', openedAt: 1_700_000_000_000, size: 52_480, modifiedAt: 1_699_999_000_000, missing: false },
  ];
  captureDefaults: { filter: string; note?: string } = { filter: '' };
  prefs: Preferences = { theme: 'system', timeFormat: 'since-first', colorRules: [], captureBackend: 'auto', recentFiles: 10, panes: { list: 36, ladder: 60 }, infoColumn: 'tcpdump', columnWidths: {}, customColumns: [], nameResolution: { mac: false, transport: false, network: false } };
  calls: { method: string; params: unknown }[] = [];
  watched = -1;
  captures = 0;
  engineServer: RpcServer<typeof EngineMethods, typeof EngineEvents> | undefined;
  sessionServer: RpcServer<typeof SessionMethods, typeof SessionEvents> | undefined;

  constructor(private readonly opts: FakeHostOptions = {}) {
    this.packets = opts.packets ?? 0;
    if (this.packets) this.info = { title: 'synthetic.pcapng', source: 'file', path: '/captures/synthetic.pcapng', unsaved: false };
  }

  get displayed(): number {
    return this.map ? this.map.length : this.packets;
  }

  private async wait(): Promise<void> {
    if (this.opts.latency) await new Promise((r) => setTimeout(r, this.opts.latency));
  }

  private notOpenYet(): void {
    if ((this.opts.notOpenFor ?? 0) > this.notOpenCalls++) throw new Error('no capture is open');
  }
  private notOpenCalls = 0;

  private packetAt(d: number): number {
    return this.map ? (this.map[d] ?? -1) : d;
  }

  private rebuild(): void {
    const f = fakeFilter(this.filter ?? '');
    if (!f.proto) return void (this.map = undefined);
    const map: number[] = [];
    for (let i = 0; i < this.packets; i++) if (rowOf(i, false).protocol === f.proto) map.push(i);
    this.map = map;
  }

  private flows(): FlowDto[] {
    const n = Math.min(2 * Math.ceil(this.packets / CYCLE), 20000);
    const out: FlowDto[] = [];
    for (let id = 1; id <= n; id++) if (flowOf(Math.min(this.packets - 1, (Math.ceil(id / 2) - 1) * CYCLE + (id % 2 ? 0 : 2))) === id) out.push(flowDtoOf(id, this.packets));
    return out;
  }

  update(extra: Partial<UpdateDto> = {}): UpdateDto {
    return { packets: this.packets, displayed: this.displayed, marked: this.marks.size, changedFlows: [], expert: { errors: 0, warnings: 0, notes: Math.floor(this.packets / CYCLE) }, ...extra };
  }

  /** A live capture grows: new packets arrive and an update is pushed. */
  grow(n: number): void {
    const before = this.packets;
    this.packets += n;
    if (this.filter) this.rebuild();
    const changed = new Set<number>();
    for (let i = before; i < this.packets; i++) changed.add(flowOf(i));
    const ladderEvents = this.watched > 0 ? ladderOf(this.watched, this.packets).events.filter((e) => e.index >= before) : undefined;
    this.engineServer?.emit('update', this.update({ changedFlows: [...changed].map((id) => flowDtoOf(id, this.packets)), ...(ladderEvents ? { ladderEvents } : {}) }));
  }

  private open(title: string, packets: number): SessionInfo {
    this.packets = packets;
    this.marks.clear();
    this.filter = undefined;
    this.map = undefined;
    this.info = { title, source: 'file', path: `/captures/${title}`, unsaved: false };
    this.sessionServer?.emit('session', this.info);
    queueMicrotask(() => this.engineServer?.emit('update', this.update({ changedFlows: this.flows(), progress: { bytes: 1, total: 1, done: true } })));
    return this.info;
  }

  attach(engine: Endpoint, session: Endpoint): void {
    const log = <P>(method: string, params: P): P => (this.calls.push({ method, params }), params);
    this.engineServer = new RpcServer(engine, EngineMethods, EngineEvents, {
      rows: async (p) => {
        log('rows', p);
        this.notOpenYet();
        await this.wait();
        const rows = [];
        for (let d = p.start; d < Math.min(p.start + p.count, this.displayed); d++) {
          const i = this.packetAt(d);
          // What the deltas count from, as the engine gives it (packet order).
          const previous = i > 0 ? { previous: rowOf(i - 1, false).time } : {};
          const previousDisplayed = d > 0 ? { previousDisplayed: rowOf(this.packetAt(d - 1), false).time } : {};
          rows.push({ ...rowOf(i, this.marks.has(i)), index: i, ...previous, ...previousDisplayed });
        }
        return { rows, displayed: this.displayed };
      },
      displayIndexOf: (p) => ({ displayIndex: this.map ? this.map.indexOf(p.index) : p.index < this.packets ? p.index : -1 }),
      packet: async (p) => {
        log('packet', p);
        await this.wait();
        if (p.index >= this.packets) throw new Error(`no packet ${p.index}`);
        return detailOf(p.index);
      },
      flows: () => (this.notOpenYet(), { flows: this.flows() }),
      ladder: (p) => {
        log('ladder', p);
        return ladderWindow(this.opts.ladderOf?.(p.flow) ?? ladderOf(p.flow, this.packets), p);
      },
      setFilter: (p) => {
        log('setFilter', p);
        const f = fakeFilter(p.expression);
        if (!f.ok) return { ok: false, displayed: this.displayed, ...(f.error ? { error: f.error } : {}) };
        this.filter = p.expression;
        this.rebuild();
        return { ok: true, displayed: this.displayed };
      },
      // The real declarations: the completion and the status bar show what the engine knows.
      fields: () => ({ fields: fieldInfos() }),
      setColorRules: (p) => {
        log('setColorRules', p);
        return { errors: p.rules.map((r) => fakeFilter(r.filter).error ?? null) };
      },
      checkFilter: (p) => {
        const f = fakeFilter(p.expression);
        return { ok: f.ok, ...(f.error ? { error: f.error } : {}) };
      },
      find: (p) => {
        log('find', p);
        const step = p.backwards ? -1 : 1;
        for (let d = p.from + step; d >= 0 && d < Math.min(this.displayed, p.from + 100000); d += step) if (rowOf(this.packetAt(d), false).info.includes(p.text)) return { displayIndex: d };
        return { displayIndex: -1 };
      },
      mark: (p) => {
        if (p.marked) this.marks.add(p.index);
        else this.marks.delete(p.index);
        return { marked: this.marks.size };
      },
      // Comments are tested against the real engine (unit and e2e through serve).
      setComments: () => Promise.reject(new Error('the fake host keeps no comments')),
      ignore: () => Promise.reject(new Error('the fake host ignores nothing (tested against the real engine)')),
      exportDissections: () => Promise.reject(new Error('the fake host writes no dissections')),
      watchFlow: (p) => ((this.watched = p.flow), {}),
      exportTo: () => ({ packets: this.displayed, bytes: this.displayed * 66 }),
      cancel: () => ({}),
      stopTask: () => (log('stopTask', {}), {}),
      setInfoColumn: (p) => (log('setInfoColumn', p), {}),
      setCustomColumns: (p) => (log('setCustomColumns', p), { titles: p.fields }),
      setNameResolution: (p) => (log('setNameResolution', p), {}),
      // The fake keeps packet order: the calls are what the renderer tests look at.
      sort: (p) => (log('sort', p), { displayed: this.displayed }),
      // The statistics windows are tested against the real engine (e2e through serve).
      statistics: () => Promise.reject(new Error('the fake host has no statistics')),
      ioGraph: () => Promise.reject(new Error('the fake host has no I/O graph')),
      ioPacketAt: () => Promise.reject(new Error('the fake host has no I/O graph')),
      follow: () => Promise.reject(new Error('the fake host has no streams')),
      captureProperties: () => Promise.reject(new Error('the fake host has no file')),
      findings: () => Promise.reject(new Error('the fake host has no findings')),
    });
    this.sessionServer = new RpcServer(session, SessionMethods, SessionEvents, {
      info: () => this.info,
      markEdited: () => ((this.info = { ...this.info, unsaved: true }), this.info),
      exportDissections: () => Promise.reject(new Error('the fake host writes no dissections (tested through serve)')),
      openPath: (p) => this.open(p.path.split('/').pop() ?? p.path, 150),
      openDialog: () => this.open('dialog.pcapng', 150),
      openBytes: (p) => (log('openBytes', { name: p.name, size: p.bytes.length }), this.open(p.name, 45)),
      openUpload: (p) => (log('openUpload', p), this.open('uploaded.pcapng', 45)),
      samples: () => ({ samples: SAMPLES }),
      openSample: (p) => (log('openSample', p), this.open(`${p.id}.pcapng`, 15)),
      recentFiles: () => ({ files: this.recent }),
      removeRecent: (p) => (log('removeRecent', p), (this.recent = this.recent.filter((f) => f.path !== p.path)), { files: this.recent }),
      save: () => ({ saved: true, path: '/home/user/saved.pcapng' }),
      exportPackets: (p) => (log('exportPackets', p), { saved: true, path: '/home/user/export.pcapng', packets: this.displayed }),
      close: (p) => (this.info.unsaved && !p.force ? { closed: false, needsConfirm: true } : ((this.info = { title: '', source: 'none', unsaved: false }), this.sessionServer?.emit('session', this.info), { closed: true, needsConfirm: false })),
      interfaces: () => ({
        interfaces: [
          { name: 'eth0', description: 'Ethernet', addresses: ['192.0.2.10', 'fe80::1'], loopback: false, up: true, running: true, wireless: false },
          { name: 'lo', description: 'Loopback', addresses: ['127.0.0.1', '::1'], loopback: true, up: true, running: true, wireless: false },
          { name: 'wlan0', description: 'Wi-Fi', addresses: [], loopback: false, up: false, running: false, wireless: true },
        ],
      }),
      preflight: (p) =>
        p.interface === 'eth0'
          ? { ok: false, problem: 'Capturing on eth0 needs the CAP_NET_RAW capability, which the capture helper does not have.', fix: 'sudo setcap cap_net_raw,cap_net_admin=eip /opt/Ackline/resources/ackline-capture', grant: true }
          : { ok: true },
      grantCaptureRights: () => ({ ok: true, message: 'Capture rights are set up.' }),
      captureDefaults: () => this.captureDefaults,
      checkCaptureFilter: (p) => (/^(|tcp|udp|arp|icmp|(tcp |udp )?port \d+|host [\d.]+)$/.test(p.filter.trim()) ? { ok: true } : { ok: false, error: `syntax error in filter expression: ${p.filter}` }),
      startCapture: (p) => {
        log('startCapture', p);
        this.packets = 0;
        // As the real host: every capture writes a file of its own.
        this.info = { title: p.interface, source: 'capture', path: `/tmp/ackline-captures/ackline-${p.interface}-${++this.captures}.pcapng`, unsaved: true, backend: 'native' };
        this.sessionServer?.emit('session', this.info);
        return this.info;
      },
      // As the real host: what was captured stays open, still a 'capture' source, unsaved.
      stopCapture: () => (log('stopCapture', {}), { stats: { received: this.packets, droppedByKernel: 0, droppedByInterface: 0 } }),
      getPreferences: () => this.prefs,
      setPreferences: (p) => (log('setPreferences', p), (this.prefs = p)),
    });
  }
}
