// The capture runner gives up the capture rights between opening the adapter and reporting
// 'started', and refuses to capture at all when it cannot: the adapter is closed and a file
// it created is removed. The capture file is opened before the adapter, while root still may.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureBackend, LiveCapture } from '../../electron/capture/capture-backend.js';
import type { CaptureRequest, FromCapture } from '../../electron/shared/capture-protocol.js';
import { CaptureRunner } from '../../electron/capture/capture-runner.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function world(file: string, drop: () => string | null, probe = false) {
  const log: string[] = [];
  const live: LiveCapture = {
    linktype: 1,
    snaplen: 65535,
    nanoTimestamps: true,
    start: (onBatch) => {
      log.push('start');
      onBatch([], true);
    },
    stop: () => log.push('stop'),
    stats: () => ({ received: 0, droppedByKernel: 0, droppedByInterface: 0 }),
    close: () => log.push('close'),
  };
  const backend: CaptureBackend = {
    name: 'native',
    limits: '',
    listInterfaces: () => [],
    checkFilter: () => null,
    open: () => {
      log.push(`open (file ${existsSync(file) ? 'exists' : 'absent'})`);
      return live;
    },
  };
  const req: CaptureRequest = { interface: 'lo', filter: '', snaplen: 65535, promiscuous: false, bufferSize: 1 << 20, count: 0, file, backend: 'native', ...(probe ? { probe } : {}) };
  const runner = new CaptureRunner(
    backend,
    req,
    (m: FromCapture) => log.push(m.type === 'error' ? `error ${m.reason}: ${m.message}` : m.type),
    (code) => log.push(`exit ${code}`),
    () => {
      log.push('drop');
      return drop();
    },
  );
  return { log, runner };
}

describe('CaptureRunner and the capture rights', () => {
  it('opens the file, then the adapter, drops the rights, and only then reports started', () => {
    const file = path.join(dir, 'ok.pcapng');
    const { log, runner } = world(file, () => null);
    runner.start();
    expect(log.slice(0, 5)).toEqual(['open (file exists)', 'drop', 'flushed', 'started', 'start']);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });

  it('a stop after the capture finished is a no-op (the closed handle refuses use after close)', () => {
    const file = path.join(dir, 'after-finish.pcapng');
    const { log, runner } = world(file, () => null);
    runner.start();
    expect(log).toContain('close');
    runner.stop();
    expect(log).not.toContain('stop');
  });

  it('drops them in probe mode too (the preflight tests the whole way)', () => {
    const { log, runner } = world('', () => null, true);
    runner.start();
    expect(log).toEqual(['open (file absent)', 'drop', 'started', 'close', 'exit 0']);
  });

  it('refuses to capture when rights are left: closes the adapter, removes the file it created', () => {
    const file = path.join(dir, 'refused.pcapng');
    const { log, runner } = world(file, () => 'the capture rights could not all be dropped (CapEff 0000000000003000, ...)');
    runner.start();
    expect(log).toEqual(['open (file exists)', 'drop', 'close', 'error other: the capture rights could not all be dropped (CapEff 0000000000003000, ...)', 'exit 2']);
    expect(existsSync(file)).toBe(false);
  });

  it('leaves a file that was there before (it was asked to overwrite it, not to delete it)', () => {
    const file = path.join(dir, 'existing.pcapng');
    writeFileSync(file, 'before');
    const { runner } = world(file, () => 'kept');
    runner.start();
    expect(existsSync(file)).toBe(true);
  });

  it('a file it cannot write is a one-line error before any adapter is opened', () => {
    const { log, runner } = world(path.join(dir, 'no/such/dir/x.pcapng'), () => null);
    runner.start();
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^error other: cannot write .*no\/such\/dir\/x\.pcapng: ENOENT/);
    expect(log[1]).toBe('exit 2');
  });
});
