// Every capture file of the shared corpus (all folders, valid, odd and damaged alike) read by
// `ackline read` gets tcpdump's verdict: the same stdout, the same exit status (zero or not),
// and the same error words (tcpdump's text after `tcpdump: ` / `tcpdump: pcap_loop: `, ours
// after `ackline: FILE: `). The references are F.tcpdump.txt and F.tcpdump.err where they
// exist (`tcpdump -n -r F`, TZ=UTC; no .err means tcpdump read the file without complaint);
// a capture without references is read by the installed tcpdump, live.
//
// The CLI runs in-process (one spawn per file would cost the suite ~30 s of CPU); a couple of
// files also go through the built binary to prove the real wiring says the same.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/cli-io.js';
import { main } from '../../electron/cli/main.js';
import { readTestlist } from '../support/testlist.js';
import { repoRoot } from '../support/captures.js';
import { CAPTURES, haveCorpus } from './corpus.js';

const haveTcpdump = spawnSync('tcpdump', ['--version']).status === 0;
const CAPTURE_FILE = /\.(pcap|pcapng|bin)$/;

/** Every capture file under CAPTURES, relative paths, sorted. */
function allCaptures(dir = CAPTURES): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...allCaptures(p));
    else if (CAPTURE_FILE.test(name)) out.push(relative(CAPTURES, p));
  }
  return out;
}

/** What tcpdump (or ackline) said about one file. */
interface Verdict {
  readonly stdout: string;
  readonly failed: boolean;
  /** The error words without the program's prefix; null when there is none. */
  readonly message: string | null;
  /** The "reading from file F, link-type ..." line on stderr; undefined when not known. */
  readonly reading?: string | null;
}

/** scenarios/X.pcapng is `editcap -F pcapng X.pcap`: X.pcap's tcpdump references hold for it. */
const referenceOf = (rel: string): string =>
  rel.startsWith('scenarios/') && rel.endsWith('.pcapng') ? rel.replace(/\.pcapng$/, '.pcap') : rel;

const tcpdumpMessage = (stderr: string): string | null =>
  stderr.split('\n').find((l) => l.startsWith('tcpdump: '))?.replace(/^tcpdump: (pcap_loop: )?/, '') ?? null;
const readingLine = (stderr: string): string | null => stderr.split('\n').find((l) => l.startsWith('reading from file ')) ?? null;

/** tcpdump's verdict from the stored references, or from the installed tcpdump; null if neither. */
function tcpdumpVerdict(rel: string): Verdict | null {
  const ref = join(CAPTURES, referenceOf(rel));
  const txt = existsSync(ref + '.tcpdump.txt') ? readFileSync(ref + '.tcpdump.txt', 'latin1')
    : existsSync(ref + '.tcpdump.txt.gz') ? gunzipSync(readFileSync(ref + '.tcpdump.txt.gz')).toString('latin1')
      : null;
  if (txt !== null) {
    const errPath = join(CAPTURES, rel) + '.tcpdump.err';
    if (!existsSync(errPath)) return { stdout: txt, failed: false, message: null };
    const err = readFileSync(errPath, 'utf8');
    const status = Number(/exit status: (\d+)/.exec(err)?.[1] ?? NaN);
    return { stdout: txt, failed: status !== 0, message: tcpdumpMessage(err), reading: readingLine(err) };
  }
  if (!haveTcpdump) return null;
  const path = join(CAPTURES, rel);
  const run = spawnSync('tcpdump', ['-n', '-r', basename(path)], {
    cwd: dirname(path),
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'latin1',
    maxBuffer: 1 << 30,
  });
  return { stdout: run.stdout, failed: run.status !== 0, message: tcpdumpMessage(run.stderr), reading: readingLine(run.stderr) };
}

/** `ackline read FILE` in-process, the file fed in 1 MiB chunks as the Node host does. */
async function acklineVerdict(rel: string): Promise<Verdict & { stderr: string }> {
  const path = join(CAPTURES, rel);
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    out: (s) => void (stdout += s),
    err: (s) => void (stderr += s),
    async readChunks(p, onChunk) {
      const b = new Uint8Array(readFileSync(p));
      for (let o = 0; o < b.length; o += 1 << 20) onChunk(b.subarray(o, o + (1 << 20)));
    },
    openSource: () => Promise.reject(new Error('not used by read')),
    tzOffset: () => 0,
    flush: async () => {},
  };
  const code = await main(['read', path], io);
  return { stdout, stderr, failed: code !== 0, message: acklineMessage(stderr, path), reading: readingLine(stderr) };
}

/** `ackline: FILE: MESSAGE (at byte offset N)` -> MESSAGE. */
function acklineMessage(stderr: string, path: string): string | null {
  const line = stderr.split('\n').find((l) => l.startsWith('ackline: '));
  if (!line) return null;
  return line.slice('ackline: '.length).replace(`${path}: `, '').replace(/ \(at byte offset \d+\)$/, '');
}

/**
 * Captures whose plain `tcpdump -n` golden case is out of scope (obscure printers such as
 * CLNP or Zephyr, test/fixtures/TESTLIST scope 'misc'): there the packets and their time
 * columns must agree, not the rest of each line.
 */
const miscPrinters = new Set(
  haveCorpus ? readTestlist().filter((c) => c.scope === 'misc' && c.flags.length === 0).map((c) => c.capture) : [],
);

/** Lines that start a packet (hex-dump and -v continuation lines start with a tab). */
const packetTimes = (stdout: string): string[] =>
  stdout.split('\n').filter((l) => l && !l.startsWith('\t')).map((l) => l.split(' ')[0] ?? '');

const FILES = haveCorpus ? allCaptures() : [];

describe.skipIf(!haveCorpus)('ackline read gives tcpdump’s verdict on every capture of the corpus', () => {
  it('finds every folder of the corpus', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(200);
    for (const folder of ['scenarios', 'tcpdump-suite', 'pcapng-suite', 'formats', 'malformed']) {
      expect(FILES.some((f) => f.startsWith(folder + '/')), folder).toBe(true);
    }
  });

  it.each(FILES)('%s', async (rel) => {
    const want = tcpdumpVerdict(rel);
    if (!want) return; // neither a reference nor tcpdump: nothing to compare with
    const got = await acklineVerdict(rel);
    expect(got.stderr, 'no stack trace').not.toMatch(/\n\s+at /);
    expect({ failed: got.failed, message: got.message }).toEqual({ failed: want.failed, message: want.message });
    // Whether the file opened (tcpdump's "reading from file" line) before it failed.
    if (want.reading !== undefined) expect(got.reading).toBe(want.reading);
    if (miscPrinters.has(rel)) expect(packetTimes(got.stdout)).toEqual(packetTimes(want.stdout));
    else expect(got.stdout).toBe(want.stdout);
  });
});

describe.skipIf(!haveCorpus || !existsSync(join(repoRoot, 'out/cli/ackline.mjs')))('the built ackline says the same', () => {
  it.each([
    'pcapng-suite/pcapng-test-generator/le/basic-test017.pcapng',
    'malformed/derived/truncated-record-data.pcap',
  ].filter((rel) => existsSync(join(CAPTURES, rel))))('%s', (rel) => {
    const path = join(CAPTURES, rel);
    const run = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/ackline.mjs'), 'read', path], {
      encoding: 'latin1',
      env: { ...process.env, TZ: 'UTC' },
    });
    const want = tcpdumpVerdict(rel);
    expect(want).not.toBeNull();
    if (!want) return;
    expect(run.stdout).toBe(want.stdout);
    expect(run.status !== 0).toBe(want.failed);
    expect(acklineMessage(run.stderr, path)).toBe(want.message);
  });
});
