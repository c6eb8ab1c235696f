// `ackline read` on two threads (read-split.ts) prints what it prints on one: the same
// stdout, stderr and exit status, for files split anywhere (ACKLINE_READ_SPLIT_MIN=0 splits
// even small files), damaged ones included, with and without numbering. Runs the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures, repoRoot } from '../support/captures.js';

const cli = path.join(repoRoot, 'electron/cli/ackline.mjs');
const built = existsSync(path.join(repoRoot, 'out/cli/ackline.mjs'));

const FILES = [
  'scenarios/tcp-bulk-http.pcap',
  'scenarios/tcp-bulk-http.pcapng',
  'scenarios/tcp-packet-loss.pcap',
  'scenarios/tcp-http-curl-ipv6.pcap',
  'scenarios/any-mixed-sll.pcap',
  'formats/multi-interface-linktypes.pcapng',
  'formats/nanosecond-big-endian.pcap',
  'malformed/derived/caplen-beyond-eof.pcap',
  'malformed/libpcap/pcapng-packet-before-idb.pcapng',
  'malformed/libpcap/pcap-truncated-hdr-23.pcap',
  'malformed/derived/truncated-record-data.pcap',
  'malformed/derived/pcapng-truncated-block.pcapng',
  'malformed/derived/pcap-trailing-garbage.pcap',
];

function read(file: string, flags: string[], split: boolean): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, TZ: 'UTC', ACKLINE_READ_SPLIT_MIN: split ? '0' : String(2 ** 50) };
  const r = spawnSync(process.execPath, [cli, 'read', ...flags, capturePath(file)], { env, encoding: 'latin1', maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built || !haveCaptures)('ackline read on two threads', () => {
  for (const flags of [[], ['-#', '-tt']]) {
    it(`prints every file as on one thread (${flags.join(' ') || 'no flags'})`, () => {
      for (const f of FILES) {
        const one = read(f, flags, false);
        const two = read(f, flags, true);
        expect(two, f).toEqual(one);
      }
      // The files are not all refused: real output was compared.
      expect(read(FILES[0]!, flags, true).stdout.split('\n').length).toBeGreaterThan(100);
    });
  }
});
