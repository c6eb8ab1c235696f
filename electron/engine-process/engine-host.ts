// electron/engine-process/: the engine host process (EngineHost) and its two entries, Electron utilityProcess and Node worker.
//
// The engine host's logic under Node (the Electron utility process and the worker_threads
// host of `ackline serve`, tests and the CLI run exactly this): one EngineSession for the
// open capture, fed from a file streamed in chunks or from a capture file followed as it
// grows; every attached port is served with the contract (control ports also get the
// control methods), and every update goes to all of them.
import type { EngineSession } from '../engine/workspace/engine-session.js';
import { EngineSession as Session } from '../engine/workspace/engine-session.js';
import { fieldInfos } from '../engine/workspace/field-infos.js';
import type { FilterCompiler } from '../engine/workspace/packet-matcher.js';
import { displayFilterCompiler } from '../engine/workspace/filter-adapter.js';
import { ColorRules, type ColorRuleSpec } from '../engine/workspace/color-rules.js';
import { EngineEvents, EngineMethods, type InfoColumn, type NameResolution } from '../shared/contract.js';
import type { UpdateDto } from '../shared/dto.js';
import { EngineControlAll } from '../shared/engine-control.js';
import { RpcServer, type Endpoint } from '../shared/rpc.js';
import { openFileSink } from '../node-platform/file-export-sink.js';
import { loadOuiTable } from '../node-platform/oui-table.js';
import { FileSource, streamFile } from '../node-platform/file-source.js';
import { GrowingFileSource } from '../node-platform/growing-file-source.js';
import { GunzipFileSource, inflateFile, isGzipFile } from '../node-platform/gunzip-file-source.js';
import { checkCustomColumns } from '../engine/workspace/custom-columns.js';

export interface EngineHostOptions {
  readonly compileFilter?: FilterCompiler;
  /** Bytes per read while loading (default 1 MiB). */
  readonly chunkSize?: number;
}

interface Closable {
  onClose?(fn: () => void): void;
}

type Server = { emit(name: 'update', payload: UpdateDto): void };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function ioMessage(path: string, e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return `${path}: No such file or directory`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: Permission denied`;
  if (code === 'EISDIR') return `${path}: Is a directory`;
  return `${path}: ${e instanceof Error ? e.message : String(e)}`;
}

export class EngineHost {
  private session: EngineSession | null = null;
  /** Requests run by served() not answered yet, and what waits for none to be (the load). */
  private inFlight = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private source: { close(): Promise<void> } | null = null;
  private readonly servers = new Set<Server>();
  private readonly grants = new Map<string, string>();
  private loading: Promise<void> = Promise.resolve();
  private following: { ending: boolean } | null = null;
  /** The page's colouring rules, kept for the next capture this host opens. */
  private colorRules: readonly ColorRuleSpec[] | null = null;
  private infoColumn: InfoColumn = 'tcpdump';
  /** The custom columns' fields, set again on each capture that opens. */
  private customFields: readonly string[] = [];
  private nameResolution: NameResolution = { mac: false, transport: false, network: false };

  constructor(private readonly opts: EngineHostOptions = {}) {}

  /** Serves the contract on `endpoint` until it closes. */
  attach(endpoint: Endpoint & Closable, role: 'control' | 'client'): void {
    const engine = this.engineHandlers();
    const server: Server =
      role === 'control'
        ? new RpcServer(endpoint, EngineControlAll, EngineEvents, { ...engine, ...this.controlHandlers() })
        : new RpcServer(endpoint, EngineMethods, EngineEvents, engine);
    this.servers.add(server);
    endpoint.onClose?.(() => this.servers.delete(server));
  }

  /** The open session (tests, the CLI). */
  get current(): EngineSession | null {
    return this.session;
  }

  /** Waits until the current load (or follow) has finished. */
  settled(): Promise<void> {
    return this.loading;
  }

  async open(path: string): Promise<{ size: number }> {
    await this.close();
    let src: FileSource;
    try {
      src = await FileSource.open(path);
    } catch (e) {
      throw new Error(ioMessage(path, e));
    }
    if (await isGzipFile(src).catch(() => false)) return this.openGzip(path, src);
    const session = this.newSession(src, false);
    session.setTotal(src.size);
    this.loading = (async () => {
      try {
        const reader = { push: (c: Uint8Array) => session.push(c), end: () => session.end(), get error() { return session.readError; } };
        const r = await streamFile(path, reader, { signal: session.signal, beforePush: () => this.idle(), ...(this.opts.chunkSize ? { chunkSize: this.opts.chunkSize } : {}) });
        if (r.aborted) session.end();
      } catch (e) {
        session.fail(ioMessage(path, e));
      }
    })();
    return { size: src.size };
  }

  /** A gzip-compressed capture: inflated into a temporary file as it loads (gunzip-file-source.ts). */
  private async openGzip(path: string, compressed: FileSource): Promise<{ size: number }> {
    let file: GunzipFileSource;
    try {
      file = await GunzipFileSource.create();
    } catch (e) {
      await compressed.close();
      throw new Error(`${path}: cannot make a temporary file to inflate it into: ${e instanceof Error ? e.message : String(e)}`);
    }
    const session = this.newSession(file, false);
    session.setTotal(compressed.size);
    this.loading = (async () => {
      try {
        const r = await inflateFile(compressed, file, {
          push: (c) => session.push(c),
          get stopped() {
            return session.loaded;
          },
          progress: (bytes, total) => session.setTotal(Math.max(bytes, total)),
          signal: session.signal,
        });
        session.setTotal(file.size);
        if (r.error) session.fail(`The compressed capture file is damaged or cut short (${r.error}); the ${session.index.packets.length} packets before it are shown.`);
        else session.end();
      } catch (e) {
        session.fail(ioMessage(path, e));
      } finally {
        await compressed.close().catch(() => undefined);
      }
    })();
    return { size: compressed.size };
  }

  async follow(path: string, pollMs = 100): Promise<void> {
    await this.close();
    let src: GrowingFileSource;
    try {
      src = await GrowingFileSource.open(path);
    } catch (e) {
      throw new Error(ioMessage(path, e));
    }
    const session = this.newSession(src, true);
    const state = { ending: false };
    this.following = state;
    const chunk = new Uint8Array(this.opts.chunkSize ?? 1 << 20);
    this.loading = (async () => {
      let pos = 0;
      try {
        for (;;) {
          const data = await src.read(pos, chunk.length);
          if (data.length) {
            pos += data.length;
            session.push(data);
            if (session.loaded) break;
            continue;
          }
          if (state.ending || session.signal.aborted) break;
          await sleep(pollMs);
        }
        session.end();
      } catch (e) {
        session.fail(ioMessage(path, e));
      }
    })();
  }

  async endFollow(stats?: Parameters<EngineSession['setStats']>[0]): Promise<{ packets: number }> {
    if (stats) this.session?.setStats(stats);
    if (this.following) this.following.ending = true;
    await this.loading;
    this.following = null;
    return { packets: this.session?.index.packets.length ?? 0 };
  }

  async close(): Promise<void> {
    const s = this.session;
    if (!s) return;
    s.cancel();
    if (this.following) this.following.ending = true;
    await this.loading;
    s.dispose();
    this.session = null;
    this.following = null;
    await this.source?.close().catch(() => undefined);
    this.source = null;
  }

  private newSession(src: FileSource | GrowingFileSource | GunzipFileSource, live: boolean): EngineSession {
    const session = new Session({
      source: src,
      live,
      ouiTable: loadOuiTable,
      onUpdate: (u) => {
        for (const s of this.servers) s.emit('update', u);
      },
      openExport: (token) => {
        const path = this.grants.get(token);
        if (!path) return Promise.reject(new Error('export refused: the host did not grant this token'));
        this.grants.delete(token);
        return openFileSink(path).catch((e: unknown) => Promise.reject(new Error(ioMessage(path, e))));
      },
      ...(this.opts.compileFilter ? { compileFilter: this.opts.compileFilter } : {}),
    });
    if (this.colorRules) session.setColorRules({ rules: [...this.colorRules] });
    session.setInfoColumn({ info: this.infoColumn });
    session.setCustomColumns({ fields: [...this.customFields] });
    session.setNameResolution(this.nameResolution);
    this.session = session;
    this.source = src;
    return session;
  }

  /**
   * Runs a request the user is waiting on (rows, a packet's detail, a ladder) ahead of the
   * file's load: the load waits between chunks while one is in flight. Rows read their bytes
   * from the file, and each await let the next megabyte of indexing run first: the first rows
   * came 0.3-1 s after the first update.
   */
  private async served<T>(fn: () => T | Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      return await fn();
    } finally {
      if (--this.inFlight === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  /** Resolves once no request run by served() is in flight. */
  private idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private need(): EngineSession {
    if (!this.session) throw new Error('no capture is open');
    return this.session;
  }

  private engineHandlers() {
    return {
      rows: (p: Parameters<EngineSession['rows']>[0]) => this.served(() => this.need().rows(p)),
      displayIndexOf: (p: Parameters<EngineSession['displayIndexOf']>[0]) => this.need().displayIndexOf(p),
      packet: (p: Parameters<EngineSession['packet']>[0]) => this.served(() => this.need().packet(p)),
      flows: () => this.need().flows(),
      ladder: (p: Parameters<EngineSession['ladder']>[0]) => this.served(() => this.need().ladder(p)),
      setFilter: (p: Parameters<EngineSession['setFilter']>[0]) => this.need().setFilter(p),
      checkFilter: (p: Parameters<EngineSession['checkFilter']>[0]) => this.need().checkFilter(p),
      // The declarations do not depend on a capture: known before one is open.
      fields: () => ({ fields: fieldInfos() }),
      setColorRules: (p: Parameters<EngineSession['setColorRules']>[0]) => {
        this.colorRules = p.rules;
        // Nothing open yet: the rules are still checked, and kept for what opens next.
        return this.session ? this.session.setColorRules(p) : { errors: new ColorRules(this.opts.compileFilter ?? displayFilterCompiler).set(p.rules) };
      },
      setInfoColumn: (p: Parameters<EngineSession['setInfoColumn']>[0]) => {
        // Kept for what opens next, like the colouring rules.
        this.infoColumn = p.info;
        return this.session ? this.session.setInfoColumn(p) : {};
      },
      setCustomColumns: (p: Parameters<EngineSession['setCustomColumns']>[0]) => {
        // Checked and kept for what opens next, like the Info column.
        const r = this.session ? this.session.setCustomColumns(p) : { titles: checkCustomColumns(p.fields) };
        this.customFields = [...p.fields];
        return r;
      },
      setNameResolution: (p: Parameters<EngineSession['setNameResolution']>[0]) => {
        this.nameResolution = p;
        return this.session ? this.session.setNameResolution(p) : {};
      },
      sort: (p: Parameters<EngineSession['sort']>[0]) => this.need().sort(p),
      find: (p: Parameters<EngineSession['find']>[0]) => this.need().find(p),
      mark: (p: Parameters<EngineSession['mark']>[0]) => this.need().mark(p),
      setComments: (p: Parameters<EngineSession['setComments']>[0]) => this.need().setComments(p),
      ignore: (p: Parameters<EngineSession['ignore']>[0]) => this.need().ignore(p),
      watchFlow: (p: Parameters<EngineSession['watchFlow']>[0]) => this.need().watchFlow(p),
      exportTo: (p: Parameters<EngineSession['exportTo']>[0]) => this.need().exportTo(p),
      exportDissections: (p: Parameters<EngineSession['exportDissections']>[0]) => this.need().exportDissections(p),
      statistics: (p: Parameters<EngineSession['statisticsTables']>[0]) => this.need().statisticsTables(p),
      ioGraph: (p: Parameters<EngineSession['ioGraph']>[0]) => this.need().ioGraph(p),
      ioPacketAt: (p: Parameters<EngineSession['ioPacketAt']>[0]) => this.need().ioPacketAt(p),
      follow: (p: Parameters<EngineSession['follow']>[0]) => this.need().follow(p),
      captureProperties: () => this.need().captureProperties(),
      findings: () => this.need().findings(),
      cancel: () => (this.session ? this.session.cancel() : {}),
      stopTask: () => (this.session ? this.session.stopTask() : {}),
    };
  }

  private controlHandlers() {
    return {
      open: (p: { path: string }) => this.open(p.path),
      follow: async (p: { path: string; pollMs?: number | undefined }) => {
        await this.follow(p.path, p.pollMs);
        return {};
      },
      endFollow: (p: { stats?: Parameters<EngineSession['setStats']>[0] | undefined }) => this.endFollow(p.stats),
      stats: (p: Parameters<EngineSession['setStats']>[0]) => {
        this.need().setStats(p);
        return {};
      },
      grantExport: (p: { token: string; path: string }) => {
        this.grants.set(p.token, p.path);
        return {};
      },
      status: () => {
        const s = this.session;
        if (!s) return { packets: 0, loaded: false };
        return { packets: s.index.packets.length, loaded: s.loaded, ...(s.error ? { error: s.error } : {}) };
      },
      close: async () => {
        await this.close();
        return {};
      },
    };
  }
}
