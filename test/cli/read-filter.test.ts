// `ackline read FILE -Y FILTER`: only matching packets, as tshark -Y; a bad filter exits 2
// with the message and a caret under the problem.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/cli-io.js';
import { main } from '../../electron/cli/main.js';
import { capturePath, haveCaptures, readText } from '../support/captures.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    async readChunks(p, onChunk) {
      const b = new Uint8Array(readFileSync(p));
      for (let o = 0; o < b.length; o += 4096) onChunk(b.subarray(o, o + 4096));
    },
    openSource: () => Promise.reject(new Error('unused')),
    tzOffset: () => 0,
    flush: async () => {},
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const curl = 'scenarios/tcp-http-curl.pcap';

describe.skipIf(!haveCaptures)('ackline read -Y', () => {
  it('prints the tcpdump lines of the matching packets only, unchanged', async () => {
    const all = readText(`${curl}.tcpdump.txt`).split('\n');
    const r = await run(['read', capturePath(curl), '-Y', 'tcp.flags.syn == 1 || tcp contains "GET"']);
    expect(r.code).toBe(0);
    // Frames 3, 4 (SYN, SYN-ACK) and 6 (the GET), as tshark -Y selects them.
    expect(r.out).toBe([all[2], all[3], all[5]].join('\n') + '\n');
  });

  it('--jsonl with -Y gives the matching packets as JSON', async () => {
    const r = await run(['read', capturePath(curl), '--jsonl', '-Y', 'arp']);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { number: number });
    expect(rows.map((x) => x.number)).toEqual([1, 2]);
  });

  it('a bad filter exits non-zero with the message and where it is', async () => {
    const r = await run(['read', capturePath(curl), '-Y', 'ip.src == 1.2.3.4 && tcp.prot == 80']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`ackline: read: invalid display filter: \`tcp.prot\` is not a field; did you mean \`tcp.port\`?\nip.src == 1.2.3.4 && tcp.prot == 80\n${' '.repeat(21)}^${'~'.repeat(7)}\n`);
  });

  it('-Y without a filter is a usage error', async () => {
    const r = await run(['read', capturePath(curl), '-Y']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/-Y needs a display filter/);
  });
});
