// The session's capture launcher over a scripted capture process: the failure reported by
// the process (with its fix) is the error of start; stop returns the final counters; an
// exit nobody asked for is reported; stats are passed on.
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptureRequest, FromCapture } from '../../electron/shared/capture-protocol.js';
import type { CaptureProcessHandle } from '../../electron/capture/spawn-capture.js';
import { ProcessCaptureLauncher } from '../../electron/node-platform/process-capture-launcher.js';

class ScriptedProcess extends EventEmitter implements CaptureProcessHandle {
  pid = 1;
  stopAsked = false;
  constructor(private readonly script: (p: ScriptedProcess) => void) {
    super();
    setImmediate(() => script(this));
  }
  onMessage(fn: (m: FromCapture) => void) {
    this.on('m', fn);
  }
  onExit(fn: (code: number | null, signal: NodeJS.Signals | null) => void) {
    this.on('exit', fn);
  }
  send(m: FromCapture) {
    this.emit('m', m);
  }
  stop() {
    this.stopAsked = true;
    this.send({ type: 'stopped', stats: { received: 5, droppedByKernel: 2, droppedByInterface: 1 }, packets: 5, fileBytes: 900 });
    this.emit('exit', 0, null);
  }
  kill() {
    this.emit('exit', null, 'SIGKILL');
  }
}

const opts = { interface: 'lo', filter: '', snaplen: 65535, promiscuous: false, bufferSizeMb: 2 };
const dir = mkdtempSync(path.join(tmpdir(), 'ackline-pcl-'));

function launcher(script: (p: ScriptedProcess) => void, seen: CaptureRequest[] = []) {
  return new ProcessCaptureLauncher({
    dir,
    backend: async () => 'cap',
    spawnCapture: (req) => {
      seen.push(req);
      return new ScriptedProcess(script);
    },
  });
}

describe('ProcessCaptureLauncher', () => {
  it('starts a capture into a new pcapng file and stops it with the final counters', async () => {
    const seen: CaptureRequest[] = [];
    const l = launcher((p) => p.send({ type: 'started', linktype: 1, snaplen: 65535, nano: false, backend: 'cap', limits: 'host-arrival timestamps' }), seen);
    const h = await l.start(opts);
    expect(h.backend).toBe('cap (host-arrival timestamps)');
    expect(h.file.startsWith(dir)).toBe(true);
    expect(h.file).toMatch(/ackline-lo-.*\.pcapng$/);
    expect(seen[0]).toMatchObject({ interface: 'lo', bufferSize: 2 * 1024 * 1024, backend: 'cap', file: h.file, count: 0 });
    let exitError: string | undefined = 'not called';
    h.onExit((e) => (exitError = e));
    expect(await h.stop()).toEqual({ received: 5, droppedByKernel: 2, droppedByInterface: 1 });
    expect(exitError).toBeUndefined();
  });

  it('the capture process failure, with its fix, is the error of start', async () => {
    const l = launcher((p) => {
      p.send({ type: 'error', reason: 'permission', message: 'lo: You don\'t have permission to capture on that device', fix: 'sudo usermod -aG ackline "$USER"' });
      p.emit('exit', 77, null);
    });
    await expect(l.start(opts)).rejects.toThrow('lo: You don\'t have permission to capture on that device\nsudo usermod -aG ackline "$USER"');
  });

  it('an exit nobody asked for is reported; stats are passed on', async () => {
    let proc: ScriptedProcess | undefined;
    const l = launcher((p) => {
      proc = p;
      p.send({ type: 'started', linktype: 1, snaplen: 65535, nano: true, backend: 'native', limits: '' });
    });
    const h = await l.start(opts);
    expect(h.backend).toBe('native');
    const stats: unknown[] = [];
    h.onStats?.((s) => stats.push(s));
    proc!.send({ type: 'stats', stats: { received: 9, droppedByKernel: 0, droppedByInterface: 0 }, packets: 9 });
    expect(stats).toEqual([{ received: 9, droppedByKernel: 0, droppedByInterface: 0 }]);
    const exit = new Promise<string | undefined>((r) => h.onExit(r));
    proc!.kill();
    expect(await exit).toMatch(/the capture process ended \(SIGKILL\)/);
  });
});
