// The parent side of the capture process: it passes the launcher nothing but the request,
// turns the launcher's one-line refusals into the capture's error (with this installation's
// fix), validates every message back, and resolves a relative capture file against its own cwd.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CaptureRequest, FromCapture } from '../../electron/shared/capture-protocol.js';
import { linuxRightsFix } from '../../electron/capture/preflight.js';
import { spawnCapture, type SpawnOptions } from '../../electron/capture/spawn-capture.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-spawn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const req: CaptureRequest = { interface: 'lo', filter: '', snaplen: 262144, promiscuous: false, bufferSize: 1 << 20, count: 0, file: 'relative.pcapng', backend: 'native' };

function run(opts: SpawnOptions, r: CaptureRequest = req): Promise<{ messages: FromCapture[]; code: number | null; signal: NodeJS.Signals | null }> {
  const messages: FromCapture[] = [];
  const h = spawnCapture(r, opts);
  h.onMessage((m) => messages.push(m));
  return new Promise((resolve) => h.onExit((code, signal) => resolve({ messages, code, signal })));
}

function script(name: string, body: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, body);
  chmodSync(f, 0o755);
  return f;
}

describe.skipIf(process.platform === 'win32')('spawnCapture', () => {
  it('gives the launcher no arguments and no environment but the request and the IPC channel', async () => {
    const envFile = path.join(dir, 'env');
    const launcher = script('launcher-env.sh', `#!/bin/sh\n/usr/bin/env > ${envFile}\necho "$#" >> ${envFile}\n`);
    // A variable only the parent has: it must not reach the launcher.
    process.env.ACKLINE_PARENT_ONLY = '--require /home/mallory/evil.js';
    try {
      await run({ launcher });
    } finally {
      delete process.env.ACKLINE_PARENT_ONLY;
    }
    const lines = readFileSync(envFile, 'utf8').trim().split('\n');
    expect(lines.pop()).toBe('0');
    const keys = lines.map((l) => l.split('=')[0]).filter((k) => !['PWD', 'SHLVL', '_', 'OLDPWD'].includes(k!));
    expect(keys.sort()).toEqual(['ACKLINE_CAPTURE_REQUEST', 'NODE_CHANNEL_FD', 'NODE_CHANNEL_SERIALIZATION_MODE']);
    const sent = JSON.parse(lines.find((l) => l.startsWith('ACKLINE_CAPTURE_REQUEST='))!.slice('ACKLINE_CAPTURE_REQUEST='.length)) as CaptureRequest;
    // The capture process starts in "/": the file is resolved here, against our cwd.
    expect(sent).toEqual({ ...req, file: path.resolve('relative.pcapng') });
  });

  it("turns the launcher's refusal into the capture's error, with this installation's fix", async () => {
    const launcher = script('launcher-refuses.sh', '#!/bin/sh\necho \'ackline-capture-launcher: only root and members of the group ackline may capture (sudo usermod -aG ackline "$USER", then log in again)\' >&2\nexit 77\n');
    const r = await run({ launcher });
    expect(r.code).toBe(77);
    expect(r.messages).toEqual([
      {
        type: 'error',
        reason: 'permission',
        message: 'only root and members of the group ackline may capture (sudo usermod -aG ackline "$USER", then log in again)',
        fix: process.platform === 'linux' ? linuxRightsFix() : expect.anything(),
      },
    ]);
  });

  it('when what the launcher would start is no longer safe, the fix is to install again', async () => {
    const launcher = script('launcher-78.sh', "#!/bin/sh\necho 'ackline-capture-launcher: refusing to start /opt/Ackline/ackline: /opt/Ackline: is writable by group or others' >&2\nexit 78\n");
    const r = await run({ launcher });
    expect(r.code).toBe(78);
    expect(r.messages).toEqual([
      {
        type: 'error',
        reason: 'other',
        message: 'refusing to start /opt/Ackline/ackline: /opt/Ackline: is writable by group or others',
        ...(process.platform === 'linux' ? { fix: linuxRightsFix('source', undefined) } : {}),
      },
    ]);
  });

  it('reports a launcher that cannot be started, and still ends', async () => {
    const r = await run({ launcher: path.join(dir, 'no-such-launcher') });
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ type: 'error', reason: 'other' });
    expect(r.messages[0]!.type === 'error' && r.messages[0]!.message).toMatch(/^cannot start the capture process: spawn .*ENOENT/);
  });

  it('stops a capture process that sends a message Ackline does not understand', async () => {
    const fake = script('capture-odd.mjs', "process.send({ type: 'exec', command: 'sh' }); setInterval(() => {}, 1000);\n");
    const r = await run({ launcher: null, script: fake });
    expect(r.signal).toBe('SIGKILL');
    expect(r.messages).toEqual([{ type: 'error', reason: 'other', message: 'the capture process sent a message Ackline does not understand; it was stopped' }]);
  });

  it('replaces the fix a capture process offers for missing rights with its own', async () => {
    const fake = script('capture-perm.mjs', "process.send({ type: 'error', reason: 'permission', message: 'lo: socket: Operation not permitted', fix: 'sudo setcap cap_net_raw=ep ~/ackline/launcher' }); process.disconnect();\n");
    const r = await run({ launcher: null, script: fake });
    expect(r.messages).toHaveLength(1);
    const m = r.messages[0]!;
    expect(m.type === 'error' && m.fix).not.toContain('~/ackline');
    if (process.platform === 'linux') expect(m).toEqual({ type: 'error', reason: 'permission', message: 'lo: socket: Operation not permitted', fix: linuxRightsFix() });
  });
});
