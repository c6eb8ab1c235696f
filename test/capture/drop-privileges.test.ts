// Dropping the capture rights: the check reads every thread from /proc and fails closed; the
// native addon drops every capability of every thread of a real Node process, including the
// one Node starts with every signal blocked; a capture process that cannot drop them refuses.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropPrivileges, heldCapabilities, holdsAny } from '../../electron/capture/drop-privileges.js';
import { loadNative, nativeModuleCandidates } from '../../electron/capture/native-backend.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-drop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ZERO = '0000000000000000';

/** A fake /proc/self with one status file per thread. */
function fakeProc(name: string, threads: Record<string, Partial<Record<'CapInh' | 'CapPrm' | 'CapEff' | 'CapAmb', string>>>): string {
  const root = path.join(dir, name);
  for (const [tid, caps] of Object.entries(threads)) write(root, tid, caps);
  return root;
}

function write(root: string, tid: string, caps: Partial<Record<string, string>>): void {
  mkdirSync(path.join(root, 'task', tid), { recursive: true });
  const lines = ['Name:\tnode', ...Object.entries(caps).map(([k, v]) => `${k}:\t${v}`), 'CapBnd:\t000001ffffffffff'];
  writeFileSync(path.join(root, 'task', tid, 'status'), lines.join('\n') + '\n');
}

const none = { CapInh: ZERO, CapPrm: ZERO, CapEff: ZERO, CapAmb: ZERO };
const netRaw = { CapInh: '0000000000003000', CapPrm: '0000000000003000', CapEff: '0000000000003000', CapAmb: '0000000000003000' };

describe('heldCapabilities', () => {
  it('is the union over every thread, not just the main one', () => {
    const p = fakeProc('union', { '100': none, '101': none, '102': { ...none, CapPrm: '0000000000002000' } });
    expect(heldCapabilities(p)).toEqual({ effective: ZERO, permitted: '0000000000002000', inheritable: ZERO, ambient: ZERO });
  });

  it('counts a field it cannot read as held (fails closed)', () => {
    const p = fakeProc('unreadable', { '100': { CapInh: ZERO, CapPrm: ZERO, CapEff: ZERO } });
    expect(holdsAny(heldCapabilities(p))).toBe(true);
  });
});

describe('dropPrivileges', () => {
  it('has nothing to do outside Linux, or when nothing is held', () => {
    let called = 0;
    expect(dropPrivileges(() => called++, fakeProc('held', { '1': netRaw }), 'darwin')).toBeNull();
    expect(dropPrivileges(() => called++, fakeProc('clean', { '1': none, '2': none }), 'linux')).toBeNull();
    expect(called).toBe(0);
  });

  it('refuses to go on holding rights when the addon that drops them did not load', () => {
    expect(dropPrivileges(null, fakeProc('noaddon', { '1': netRaw }), 'linux')).toMatch(/could not be loaded; Ackline will not capture while holding them/);
  });

  it('refuses when any thread still holds something afterwards, naming what', () => {
    const p = fakeProc('partial', { '1': netRaw, '2': netRaw });
    const dropMainOnly = (): void => write(p, '1', none);
    expect(dropPrivileges(dropMainOnly, p, 'linux')).toBe(
      'the capture rights could not all be dropped (CapEff 0000000000003000, CapPrm 0000000000003000, CapInh 0000000000003000, CapAmb 0000000000003000); Ackline will not capture while holding them',
    );
  });

  it('passes the addon failure on as the reason', () => {
    expect(dropPrivileges(() => {
      throw new Error('no free real-time signal');
    }, fakeProc('throws', { '1': netRaw }), 'linux')).toBe('cannot drop the capture rights: no free real-time signal');
  });

  it('is satisfied once every thread holds nothing', () => {
    const p = fakeProc('all', { '1': netRaw, '2': netRaw });
    expect(dropPrivileges(() => ['1', '2'].forEach((t) => write(p, t, none)), p, 'linux')).toBeNull();
  });
});

const root = process.getuid?.() === 0 && process.platform === 'linux' && !!loadNative();

describe.skipIf(!root)('the addon in a real Node process (root: it holds every capability)', () => {
  it('drops every capability of every thread, the one blocking all signals included', () => {
    const addon = nativeModuleCandidates().find((p) => loadNative() && p.endsWith('native/build/Release/ackline_pcap.node'))!;
    // A child, so this test process keeps its own rights. It reports each thread before and after.
    const script = `
      const fs = require('fs');
      const threads = () => fs.readdirSync('/proc/self/task').map((t) => {
        const s = fs.readFileSync('/proc/self/task/' + t + '/status', 'utf8');
        const f = (k) => new RegExp('^' + k + ':\\\\s*([0-9a-f]+)', 'm').exec(s)[1];
        return { tid: t, eff: f('CapEff'), prm: f('CapPrm'), inh: f('CapInh'), amb: f('CapAmb'), blk: f('SigBlk') };
      });
      const before = threads();
      const left = require(${JSON.stringify(addon)}).dropCapabilities();
      // Work after the drop still runs: timers, the thread pool, a child process.
      fs.readFile('/proc/self/status', () => {
        const child = require('child_process').spawnSync('grep', ['^Cap', '/proc/self/status'], { encoding: 'utf8' }).stdout;
        process.stdout.write(JSON.stringify({ before, left, after: threads(), child }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      before: { eff: string; blk: string }[];
      left: Record<string, string | number>;
      after: { tid: string; eff: string; prm: string; inh: string; amb: string }[];
      child: string;
    };
    expect(out.before.every((t) => t.eff !== ZERO)).toBe(true);
    // Node's inspector watcher blocks every signal it can: the drop must reach it all the same.
    expect(out.before.some((t) => /^fffffff/.test(t.blk))).toBe(true);
    expect(out.left).toEqual({ threads: out.before.length, effective: ZERO, permitted: ZERO, inheritable: ZERO, ambient: ZERO });
    // Threads started afterwards (the libuv pool, for readFile) inherit nothing either.
    expect(out.after.length).toBeGreaterThan(out.before.length);
    for (const t of out.after) expect([t.tid, t.eff, t.prm, t.inh, t.amb]).toEqual([t.tid, ZERO, ZERO, ZERO, ZERO]);
    // A child inherits none: as root, exec would grant every capability again unless dropped from the bounding
    // set, so what matters here is the ambient and inheritable sets it starts from.
    expect(out.child).toMatch(/CapInh:\s*0+\n/);
    expect(out.child).toMatch(/CapAmb:\s*0+\n/);
  });
});
