// checkCaptureFile as a user who may not read the file (root reads everything, so the check
// runs bundled, as `nobody`, through setpriv): "Permission denied", naming the path.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCaptureFile } from '../../electron/session/capture-check.js';
import { capturePath, haveCaptures, repoRoot } from '../support/captures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ackline-check-'));
chmodSync(dir, 0o755);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!haveCaptures)('checkCaptureFile', () => {
  it('accepts pcap, pcapng and their gzip', async () => {
    const gz = path.join(dir, 'ping.pcapng.gz');
    const r = spawnSync('gzip', ['-c', capturePath('scenarios/icmp-ping.pcapng')]);
    writeFileSync(gz, r.stdout);
    for (const f of [capturePath('scenarios/icmp-ping.pcap'), capturePath('scenarios/icmp-ping.pcapng'), gz]) await expect(checkCaptureFile(f)).resolves.toBeUndefined();
  });

  it.skipIf(process.getuid?.() !== 0)('refuses a file its user cannot read: Permission denied', async () => {
    const runner = path.join(dir, 'check.mjs');
    await build({
      stdin: {
        contents: `import { checkCaptureFile } from ${JSON.stringify(path.join(repoRoot, 'electron/session/capture-check.ts'))};
checkCaptureFile(process.argv[2]).then(() => console.log('ok'), (e) => console.log(e.message));`,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      outfile: runner,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
    chmodSync(runner, 0o644);
    const secret = path.join(dir, 'secret.pcap');
    copyFileSync(capturePath('scenarios/icmp-ping.pcap'), secret);
    chmodSync(secret, 0o600);
    const asNobody = (f: string) => spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, runner, f], { encoding: 'utf8' }).stdout;
    expect(asNobody(secret)).toBe(`${secret}: Permission denied\n`);
    chmodSync(secret, 0o644);
    expect(asNobody(secret)).toBe('ok\n');
  });
});
