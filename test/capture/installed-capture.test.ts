// A live capture as a member of the capture group, through a launcher installed by
// build/scripts/install-capture-rights.sh (into a throwaway root-owned prefix, with a
// throwaway group): it captures on lo, and once it reports 'started' no thread of the capture
// process holds any capability, nor could anything it starts. With the cap backend too; and a
// capture process that cannot load the addon that drops the rights refuses to capture.
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromCapture } from '../../electron/shared/capture-protocol.js';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import { repoRoot } from '../support/captures.js';
import { buildLauncher, createSandbox, installScript, installTree, runAs, sandboxUnavailable, spawnAs, threadCaps, type Sandbox } from './launcher-sandbox.js';

const unavailable = sandboxUnavailable();
if (unavailable) console.log(`installed-capture skipped: ${unavailable}`);
const ZERO = '0000000000000000';
const haveCap = existsSync(path.join(repoRoot, 'node_modules/cap/build/Release/cap.node'));

function request(port: number, file: string, backend: 'native' | 'cap', probe = false): string {
  return JSON.stringify({ interface: 'lo', filter: `udp port ${port}`, snaplen: 262144, promiscuous: false, bufferSize: 1 << 20, count: 0, file, backend, ...(probe ? { probe } : {}) });
}

function sendUdp(port: number, n: number): Promise<void> {
  const s = createSocket('udp4');
  return new Promise((resolve) => {
    let left = n;
    for (let i = 0; i < n; i++) s.send(`ackline ${i}`, port, '127.0.0.1', () => --left === 0 && (s.close(), resolve()));
  });
}

function next(child: ChildProcess, type: FromCapture['type'] | 'error'): Promise<FromCapture> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no '${type}' message`)), 15000);
    const on = (m: FromCapture): void => {
      if (m.type === type || m.type === 'error') {
        clearTimeout(t);
        child.off('message', on);
        resolve(m);
      }
    };
    child.on('message', on);
  });
}

describe.skipIf(!!unavailable)('capture through an installed launcher, as a member of its group', () => {
  let sb: Sandbox;
  let prefix: string;
  let launcher: string;

  beforeAll(() => {
    sb = createSandbox();
    prefix = path.join(sb.base, 'lib/ackline');
    const r = installScript(['--prefix', prefix, '--group', sb.group, '--node', sb.node]);
    expect(r.status, r.stderr).toBe(0);
    launcher = path.join(prefix, 'ackline-capture-launcher');
  });
  afterAll(() => sb?.cleanup());

  it('the install script laid out a root-owned tree and a 0750 root:group launcher with the two capabilities', () => {
    const st = statSync(launcher);
    expect([st.uid, st.mode & 0o7777]).toEqual([0, 0o750]);
    expect(spawnSync('stat', ['-c', '%G', launcher], { encoding: 'utf8' }).stdout.trim()).toBe(sb.group);
    expect(spawnSync('getcap', [launcher], { encoding: 'utf8' }).stdout).toMatch(/cap_net_admin,cap_net_raw=ep/);
    for (const f of ['capture-process.mjs', 'ackline_pcap.node', ...(haveCap ? ['node_modules/cap/build/Release/cap.node'] : [])]) {
      const s = statSync(path.join(prefix, f));
      expect([f, s.uid, s.mode & 0o022]).toEqual([f, 0, 0]);
    }
    // The paths built in are the installed ones, and nothing else is started.
    const strings = spawnSync('strings', [launcher], { encoding: 'utf8' }).stdout;
    expect(strings).toContain(path.join(prefix, 'capture-process.mjs'));
    expect(strings).toContain(sb.node);
  });

  it('captures on lo, and holds no capability in any thread once started', async () => {
    const port = 47300 + Math.floor(Math.random() * 200);
    const file = path.join(sb.home, 'live.pcapng');
    const child = spawnAs(sb.member, [launcher], { env: { ACKLINE_CAPTURE_REQUEST: request(port, file, 'native') }, ipc: true });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const started = await next(child, 'started');
    expect(started, stderr).toMatchObject({ type: 'started', backend: 'native', linktype: 1 });
    // The pid spawned is setpriv's, which became env, the launcher, then the capture process.
    const caps = threadCaps(child.pid!);
    expect(caps.length).toBeGreaterThan(3);
    for (const t of caps) expect(t).toEqual({ tid: t.tid, CapEff: ZERO, CapPrm: ZERO, CapAmb: ZERO, CapInh: ZERO });
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    // Nothing it runs can gain rights from a set-user-ID or file-capability binary either.
    expect(status).toMatch(/^NoNewPrivs:\s*1$/m);
    expect(status).toMatch(new RegExp(`^Uid:\\s*${spawnSync('id', ['-u', sb.member], { encoding: 'utf8' }).stdout.trim()}\\s`, 'm'));
    expect(readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').slice(0, 2)).toEqual([sb.node, path.join(prefix, 'capture-process.mjs')]);
    await sendUdp(port, 3);
    await new Promise((r) => setTimeout(r, 400));
    const stopped = next(child, 'stopped');
    const exited = new Promise((r) => child.on('exit', r));
    child.send({ type: 'stop' });
    expect(await stopped).toMatchObject({ type: 'stopped', packets: 3 });
    expect(await exited).toBe(0);
    const packets: string[] = [];
    const r = readCaptureBytes(new Uint8Array(readFileSync(file)), { onPacket: (_rec, data) => packets.push(Buffer.from(data).subarray(-9).toString()) });
    expect(r.error).toBeNull();
    expect(packets).toEqual(['ackline 0', 'ackline 1', 'ackline 2']);
  });

  it('ackline capture as the member finds the launcher and prints what tcpdump prints', async () => {
    const port = 47600 + Math.floor(Math.random() * 200);
    const cli = spawnAs(sb.member, [process.execPath, path.join(repoRoot, 'electron/cli/ackline.mjs'), 'capture', '-i', 'lo', '-c', '2', `udp port ${port}`], {
      env: { HOME: sb.home, PATH: '/usr/bin:/bin', TZ: 'UTC', ACKLINE_CAPTURE_LAUNCHER: launcher },
    });
    let out = '';
    let err = '';
    cli.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no 'listening on': ${err}`)), 15000);
      cli.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        if (/listening on lo/.test(err)) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    await sendUdp(port, 2);
    const code = await new Promise<number | null>((r) => cli.on('exit', r));
    expect(code, err).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(2);
    expect(out).toMatch(new RegExp(`127\\.0\\.0\\.1\\.\\d+ > 127\\.0\\.0\\.1\\.${port}: UDP, length 9`));
  }, 30000);

  it.skipIf(!haveCap)('with the cap backend too, the rights are gone once it has started', async () => {
    const child = spawnAs(sb.member, [launcher], { env: { ACKLINE_CAPTURE_REQUEST: request(47999, path.join(sb.home, 'cap.pcapng'), 'cap') }, ipc: true });
    const started = await next(child, 'started');
    expect(started).toMatchObject({ type: 'started', backend: 'cap' });
    for (const t of threadCaps(child.pid!)) expect(t).toEqual({ tid: t.tid, CapEff: ZERO, CapPrm: ZERO, CapAmb: ZERO, CapInh: ZERO });
    const stopped = next(child, 'stopped');
    const exited = new Promise((r) => child.on('exit', r));
    child.send({ type: 'stop' });
    expect(await stopped).toMatchObject({ type: 'stopped' });
    expect(await exited).toBe(0);
  });

  it.skipIf(!haveCap)('refuses to capture with cap when the addon that drops the rights is missing, and leaves no file', () => {
    const tree = path.join(sb.base, 'capsonly');
    const script = installTree(tree, { addon: false, cap: true });
    const l = buildLauncher(path.join(tree, 'ackline-capture-launcher'), { runtime: sb.node, script, group: sb.group });
    const file = path.join(sb.home, 'refused.pcapng');
    const r = runAs(sb.member, [l], { env: { ACKLINE_CAPTURE_REQUEST: request(47998, file, 'cap') } });
    const answer = JSON.parse(r.stdout.trim().split('\n')[0]!) as FromCapture;
    expect(answer).toMatchObject({ type: 'error', reason: 'other' });
    expect(answer.type === 'error' && answer.message).toMatch(/could not be loaded; Ackline will not capture while holding them/);
    expect(r.status).toBe(2);
    expect(existsSync(file)).toBe(false);
    rmSync(tree, { recursive: true, force: true });
  });
});
