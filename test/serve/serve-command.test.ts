// The `serve` command line: its arguments, and (with the CLI built) a real `ackline serve`
// whose FIRST line of output is the URL with the token, refusing requests without it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../electron/serve/serve-command.js';
import { repoRoot } from '../support/captures.js';
import { get } from './serve-client.js';

describe('parseServeArgs', () => {
  const GiB = 1024 ** 3;
  it('reads --port, --host, --max-upload and FILE', () => {
    expect(parseServeArgs([])).toEqual({ port: 0, host: '127.0.0.1', maxUpload: 4 * GiB });
    expect(parseServeArgs(['--port', '8123', 'x.pcap'])).toEqual({ port: 8123, host: '127.0.0.1', file: 'x.pcap', maxUpload: 4 * GiB });
    expect(parseServeArgs(['--port=9000', '--host', '::1'])).toEqual({ port: 9000, host: '::1', maxUpload: 4 * GiB });
    expect(parseServeArgs(['--host', 'localhost'])).toEqual({ port: 0, host: '127.0.0.1', maxUpload: 4 * GiB });
    expect(parseServeArgs(['--max-upload', '512M']).maxUpload).toBe(512 * 1024 ** 2);
    expect(parseServeArgs(['--max-upload=1.5G']).maxUpload).toBe(1.5 * GiB);
    expect(parseServeArgs(['--max-upload', '1000000']).maxUpload).toBe(1_000_000);
  });

  it('refuses bad values, unknown options and non-loopback hosts with a way out', () => {
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow(/0 to 65535/);
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/0 to 65535/);
    expect(() => parseServeArgs(['--port'])).toThrow(/needs a value/);
    expect(() => parseServeArgs(['--open'])).toThrow(/unknown option/);
    expect(() => parseServeArgs(['a', 'b'])).toThrow(/only one FILE/);
    expect(() => parseServeArgs(['--host', '0.0.0.0'])).toThrow(/ssh -L/);
    expect(() => parseServeArgs(['--max-upload', 'lots'])).toThrow(/512M, 4G/);
    expect(() => parseServeArgs(['--max-upload', '0'])).toThrow(/--max-upload wants a size/);
    expect(() => parseServeArgs(['--max-upload'])).toThrow(/needs a value/);
  });
});

const cli = path.join(repoRoot, 'electron/cli/ackline.mjs');
const built = existsSync(path.join(repoRoot, 'out/cli/ackline.mjs')) && existsSync(path.join(repoRoot, 'out/cli/engine-worker.mjs'));

describe.skipIf(!built)('ackline serve (built CLI)', () => {
  it('prints the URL first, serves with the token, 403 without, stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', path.join(repoRoot, 'build/samples/arp.pcapng')], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const first = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
      });
      expect(first).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
      const base = first.split('/?')[0]!;
      expect((await get(base + '/')).status).toBe(403);
      const ok = await get(first);
      expect([200, 404]).toContain(ok.status); // 404 when the renderer bundle is not built
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
