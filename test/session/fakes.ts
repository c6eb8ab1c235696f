// Test doubles for the session's interfaces: an engine connector whose engines record what
// they were asked and can be crashed, scripted dialogs, a capture launcher.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptureOptions, DissectionRequest, ExportSelection } from '../../electron/shared/contract.js';
import type { CaptureHandle, CaptureLauncher, Preflight } from '../../electron/session/capture-launcher.js';
import type { CaptureFormat, Dialogs, SaveTarget, UnsavedAnswer } from '../../electron/session/dialogs.js';
import type { EngineConnector, EngineInstance, EngineSource } from '../../electron/session/engine-connector.js';

export class FakeEngine implements EngineInstance {
  exports: { path: string; selection: ExportSelection; format: CaptureFormat }[] = [];
  killed = false;
  stopped = false;
  /** What the next exports report as comments a pcap file could not keep. */
  commentsLost: number | undefined;
  private exits: ((e?: string) => void)[] = [];
  constructor(readonly source: EngineSource) {}
  async exportTo(p: string, selection: ExportSelection, format: CaptureFormat) {
    this.exports.push({ path: p, selection, format });
    writeFileSync(p, 'x');
    return this.commentsLost ? { packets: 4, bytes: 400, commentsLost: this.commentsLost } : { packets: 4, bytes: 400 };
  }
  dissections: { path: string; request: DissectionRequest }[] = [];
  async exportDissections(p: string, request: DissectionRequest) {
    this.dissections.push({ path: p, request });
    writeFileSync(p, 'x');
    return { packets: 4, bytes: 40 };
  }
  async captureStopped(): Promise<void> {
    this.stopped = true;
  }
  onExit(fn: (e?: string) => void): void {
    this.exits.push(fn);
  }
  kill(): void {
    if (this.killed) return;
    this.killed = true;
    for (const f of this.exits) f(undefined);
  }
  crash(reason: string): void {
    for (const f of this.exits) f(reason);
  }
}

export class FakeConnector implements EngineConnector {
  engines: FakeEngine[] = [];
  failNext: string | undefined;
  async open(source: EngineSource, beforeLoad?: () => void): Promise<EngineInstance> {
    if (this.failNext) {
      const m = this.failNext;
      this.failNext = undefined;
      throw new Error(m);
    }
    const e = new FakeEngine(source);
    this.engines.push(e);
    beforeLoad?.();
    return e;
  }
  get last(): FakeEngine | undefined {
    return this.engines.at(-1);
  }
}

export class ScriptedDialogs implements Dialogs {
  openAnswers: (string | undefined)[] = [];
  saveAnswers: (SaveTarget | undefined)[] = [];
  unsavedAnswers: UnsavedAnswer[] = [];
  asked: string[] = [];
  async openCapture() {
    this.asked.push('open');
    return this.openAnswers.shift();
  }
  async saveCapture(o: { title: string; defaultName: string; format: CaptureFormat }) {
    this.asked.push(`save:${o.title}:${o.defaultName}:${o.format}`);
    return this.saveAnswers.shift();
  }
  async saveFile(o: { title: string; defaultName: string; kind: string }) {
    this.asked.push(`file:${o.title}:${o.defaultName}:${o.kind}`);
    return this.saveAnswers.shift();
  }
  async confirmUnsaved(o: { title: string; action: string }) {
    this.asked.push(`unsaved:${o.action}`);
    return this.unsavedAnswers.shift() ?? 'cancel';
  }
}

export class FakeCapture implements CaptureLauncher {
  handles: (CaptureHandle & { exit(e?: string): void })[] = [];
  pre: Preflight = { ok: true };
  constructor(private readonly dir = mkdtempSync(path.join(tmpdir(), 'ackline-fakecap-'))) {}
  async interfaces() {
    return [{ name: 'lo', description: 'loopback', addresses: ['127.0.0.1'], loopback: true, up: true, running: true, wireless: false }];
  }
  async preflight() {
    return this.pre;
  }
  async checkFilter(f: string) {
    return f === 'bad' ? { ok: false, error: 'syntax error' } : { ok: true };
  }
  async start(o: CaptureOptions) {
    const file = path.join(this.dir, `${o.interface}.pcapng`);
    writeFileSync(file, '');
    let onExit: ((e?: string) => void) | undefined;
    const h = {
      file,
      backend: 'native',
      stop: async () => ({ received: 10, droppedByKernel: 1, droppedByInterface: 0 }),
      onExit: (fn: (e?: string) => void) => void (onExit = fn),
      exit: (e?: string) => onExit?.(e),
    };
    this.handles.push(h);
    return h;
  }
}
