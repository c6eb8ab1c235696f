// The built `ackline` on what users point it at besides a capture file: stdin, a FIFO, a
// folder, devices, an unreadable file, a file that never ends, gzip-compressed captures.
// Every refusal is one line naming the path, a non-zero exit, and no stack trace; the
// wording follows `tcpdump -n -r X` where tcpdump has one.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, closeSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturePath, haveCaptures, readText, repoRoot } from '../support/captures.js';

const cli = path.join(repoRoot, 'electron/cli/ackline.mjs');
const built = existsSync(path.join(repoRoot, 'out/cli/ackline.mjs'));
const env = { ...process.env, TZ: 'UTC' };

function run(args: string[], opts: { input?: Uint8Array | string; uid?: string } = {}): SpawnSyncReturns<string> & { ms: number } {
  const t0 = performance.now();
  const argv = [process.execPath, cli, ...args];
  const [cmd, ...rest] = opts.uid ? ['setpriv', `--reuid=${opts.uid}`, '--regid=nogroup', '--clear-groups', ...argv] : argv;
  const r = spawnSync(cmd!, rest, { encoding: 'utf8', env, timeout: 20_000, ...(opts.input !== undefined ? { input: opts.input } : { stdio: ['ignore', 'pipe', 'pipe'] }) });
  return Object.assign(r, { ms: performance.now() - t0 });
}

/** The refusal contract: exit 1, nothing on stdout, exactly `line` on stderr. */
function expectRefusal(r: SpawnSyncReturns<string>, line: string): void {
  expect(r.error).toBeUndefined();
  expect({ status: r.status, out: r.stdout, err: r.stderr }).toEqual({ status: 1, out: '', err: `ackline: ${line}\n` });
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ackline-cli-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!built)('ackline read: what is not a capture file', () => {
  it('a folder: one line (tcpdump: "error reading dump file: Is a directory"), exit 1, no stack trace', () => {
    expectRefusal(run(['read', dir]), `${dir}: error reading dump file: Is a directory`);
  });

  it('/dev/zero, which never ends: unknown file format, at once', () => {
    const r = run(['read', '/dev/zero']);
    expectRefusal(r, '/dev/zero: unknown file format');
    // Node's start-up included; the read itself stops at the first chunk.
    expect(r.ms).toBeLessThan(5000);
  });

  it('/dev/urandom: unknown file format, at once', () => {
    expectRefusal(run(['read', '/dev/urandom']), '/dev/urandom: unknown file format');
  });

  it('/dev/null: tcpdump\'s "truncated dump file" for the missing header', () => {
    expectRefusal(run(['read', '/dev/null']), '/dev/null: truncated dump file; tried to read 4 file header bytes, only got 0');
  });

  it('a 4 GiB sparse file: unknown file format, without reading it all', () => {
    const f = path.join(dir, 'sparse.pcap');
    writeFileSync(f, '');
    truncateSync(f, 4 * 1024 ** 3);
    const r = run(['read', f]);
    expectRefusal(r, `${f}: unknown file format`);
    expect(r.ms).toBeLessThan(5000);
  });

  it('a missing file', () => {
    expectRefusal(run(['read', path.join(dir, 'nope.pcap')]), `${path.join(dir, 'nope.pcap')}: No such file or directory`);
  });

  it.skipIf(process.getuid?.() !== 0 || !haveCaptures)('a file its user cannot read (as nobody): Permission denied, as tcpdump says', () => {
    const f = path.join(dir, 'secret.pcap');
    copyFileSync(capturePath('scenarios/icmp-ping.pcap'), f);
    chmodSync(f, 0o600);
    chmodSync(dir, 0o755);
    expectRefusal(run(['read', f], { uid: 'nobody' }), `${f}: Permission denied`);
  });

  it('flows and ladder refuse the same inputs the same way', () => {
    expectRefusal(run(['flows', dir]), `${dir}: error reading dump file: Is a directory`);
    expectRefusal(run(['flows', '/dev/zero']), '/dev/zero: unknown file format');
    expectRefusal(run(['ladder', '/dev/zero', '--flow', '1']), '/dev/zero: unknown file format');
  });
});

const ping = 'scenarios/icmp-ping.pcap';

describe.skipIf(!built || !haveCaptures)('ackline read: stdin and FIFOs stream like tcpdump -r', () => {
  it('`read -` and `read -r -` read the capture from stdin', () => {
    const bytes = readFileSync(capturePath(ping));
    for (const args of [['read', '-'], ['read', '-r', '-']]) {
      const r = run(args, { input: bytes });
      expect(r.stderr).toBe('reading from file -, link-type EN10MB (Ethernet), snapshot length 262144\n');
      expect(r.stdout).toBe(readText(`${ping}.tcpdump.txt`));
      expect(r.status).toBe(0);
    }
  });

  it('stdin closed or empty: tcpdump\'s verdict on no bytes, one line', () => {
    const closed = spawnSync('sh', ['-c', `exec '${process.execPath}' '${cli}' read - <&-`], { encoding: 'utf8', env });
    expect({ status: closed.status, err: closed.stderr }).toEqual({ status: 1, err: 'ackline: -: truncated dump file; tried to read 4 file header bytes, only got 0\n' });
    expectRefusal(run(['read', '-'], { input: '' }), '-: truncated dump file; tried to read 4 file header bytes, only got 0');
  });

  it('flows reads stdin too', () => {
    const r = run(['flows', '-'], { input: readFileSync(capturePath(ping)) });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^id\s+kind/);
  });

  it('a FIFO: lines appear while the writer is still writing', async () => {
    const fifo = path.join(dir, 'live.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const bytes = readFileSync(capturePath(ping));
    const lines = readText(`${ping}.tcpdump.txt`);
    const child = spawn(process.execPath, [cli, 'read', fifo], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('latin1')));
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    // The writer opens the FIFO (this waits for the reader), writes the header and the first
    // two packets (ARP, 24 + 2 * (16 + 42) bytes), and keeps it open until they are printed.
    const w = await new Promise<number>((resolve, reject) => {
      setImmediate(() => {
        try {
          resolve(openSync(fifo, 'w'));
        } catch (e) {
          reject(e);
        }
      });
    });
    const first = 24 + 2 * (16 + 42);
    writeSync(w, bytes, 0, first);
    const deadline = Date.now() + 10_000;
    while (out.split('\n').length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(out).toBe(lines.split('\n').slice(0, 2).join('\n') + '\n');
    writeSync(w, bytes, first);
    closeSync(w);
    expect(await exited).toBe(0);
    expect(out).toBe(lines);
    expect(err).toBe(`reading from file live.fifo, link-type EN10MB (Ethernet), snapshot length 262144\n`);
  });
});

/** Captures whose gzip must read exactly as they do (pcap and pcapng, both byte orders). */
const gzCaptures = ['scenarios/tcp-http-curl.pcap', 'scenarios/dns-queries.pcapng', 'formats/big-endian.pcap', 'formats/nanosecond.pcap', 'formats/multi-interface-linktypes.pcapng'];

function gzip(src: string, dest: string): string {
  const r = spawnSync('gzip', ['-c', src], { maxBuffer: 1 << 28 });
  expect(r.status).toBe(0);
  writeFileSync(dest, r.stdout);
  return dest;
}

describe.skipIf(!built || !haveCaptures)('ackline read: gzip-compressed captures', () => {
  it.each(gzCaptures)('%s, gzip-ed, prints what the plain file prints (detected by its magic, not its name)', (rel) => {
    const plain = run(['read', capturePath(rel)]);
    const gz = gzip(capturePath(rel), path.join(dir, path.basename(rel) + '.gz'));
    const r = run(['read', gz]);
    expect(r.stdout).toBe(plain.stdout);
    // Same words; a damaged file names the .gz and says the offset is in the decompressed data.
    const expected = plain.stderr
      .replace(`reading from file ${path.basename(rel)},`, `reading from file ${path.basename(gz)},`)
      .replaceAll(capturePath(rel), gz)
      .replace(/\(at byte offset (\d+)\)/g, '(at byte offset $1 of the decompressed data)');
    expect(r.stderr).toBe(expected);
    expect(r.status).toBe(plain.status);
    // The name does not matter: a gzip called .pcap reads the same.
    const renamed = path.join(dir, 'not-really.pcap');
    copyFileSync(gz, renamed);
    expect(run(['read', renamed]).stdout).toBe(plain.stdout);
  });

  it('flows and --jsonl read a gzip the same as the plain file', () => {
    const rel = 'scenarios/tcp-data-retransmit-rto.pcap';
    const gz = gzip(capturePath(rel), path.join(dir, 'rto.pcap.gz'));
    expect(run(['flows', gz]).stdout).toBe(run(['flows', capturePath(rel)]).stdout);
    expect(run(['read', '--jsonl', gz]).stdout).toBe(run(['read', '--jsonl', capturePath(rel)]).stdout);
  });

  it('from stdin', () => {
    const gz = gzip(capturePath(ping), path.join(dir, 'stdin.pcap.gz'));
    const r = run(['read', '-'], { input: readFileSync(gz) });
    expect(r.stdout).toBe(readText(`${ping}.tcpdump.txt`));
    expect(r.status).toBe(0);
  });

  it('multi-member gzip (members concatenated, as `cat a.gz b.gz`) reads as one file', () => {
    const bytes = readFileSync(capturePath(ping));
    const a = path.join(dir, 'part-a');
    const b = path.join(dir, 'part-b');
    // Cut inside a record so that a record spans the members.
    writeFileSync(a, bytes.subarray(0, 200));
    writeFileSync(b, bytes.subarray(200));
    const multi = path.join(dir, 'multi.pcap.gz');
    writeFileSync(multi, Buffer.concat([readFileSync(gzip(a, a + '.gz')), readFileSync(gzip(b, b + '.gz'))]));
    const r = run(['read', multi]);
    expect(r.stdout).toBe(readText(`${ping}.tcpdump.txt`));
    expect(r.status).toBe(0);
  });

  it('a truncated gzip: every packet before the cut, then one line saying so, exit 1', () => {
    const full = readFileSync(gzip(capturePath(ping), path.join(dir, 'full.pcap.gz')));
    const cut = path.join(dir, 'cut.pcap.gz');
    writeFileSync(cut, full.subarray(0, full.length - 60));
    const r = run(['read', cut]);
    // What tcpdump prints for what gzip can still inflate of it.
    const partial = spawnSync('sh', ['-c', `gzip -dc < '${cut}' > '${cut}.partial'; true`]);
    expect(partial.status).toBe(0);
    const expected = spawnSync('tcpdump', ['-n', '-r', `${cut}.partial`], { encoding: 'utf8', env });
    expect(expected.stdout.split('\n').length).toBeGreaterThan(5);
    expect(r.stdout).toBe(expected.stdout);
    expect(r.stderr).toBe(`reading from file cut.pcap.gz, link-type EN10MB (Ethernet), snapshot length 262144\nackline: ${cut}: gzip data cut short: unexpected end of file\n`);
    expect(r.status).toBe(1);
  });

  it('a gzip whose CRC does not match: the packets, then one line saying the data is damaged', () => {
    const full = readFileSync(gzip(capturePath(ping), path.join(dir, 'crc.pcap.gz')));
    full[full.length - 8]! ^= 0xff;
    const f = path.join(dir, 'badcrc.pcap.gz');
    writeFileSync(f, full);
    const r = run(['read', f]);
    expect(r.stdout).toBe(readText(`${ping}.tcpdump.txt`));
    expect(r.stderr.split('\n').slice(1).join('\n')).toBe(`ackline: ${f}: gzip data damaged: CRC-32 mismatch\n`);
    expect(r.status).toBe(1);
  });

  it('a gzip of something that is not a capture: unknown file format', () => {
    const f = path.join(dir, 'text.gz');
    writeFileSync(path.join(dir, 'text'), 'hello, world\n'.repeat(100));
    gzip(path.join(dir, 'text'), f);
    expectRefusal(run(['read', f]), `${f}: unknown file format`);
  });
});
