// `ackline read FILE -Y FILTER`: only matching packets, as tshark -Y; a bad filter exits 2
// with the message and a caret under the problem.
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures, readText } from '../support/captures.js';
import { runCli as run } from './run-cli.js';

const curl = 'scenarios/tcp-http-curl.pcap';

describe.skipIf(!haveCaptures)('ackline read -Y', () => {
  it('prints the tcpdump lines of the matching packets only, unchanged', async () => {
    const all = readText(`${curl}.tcpdump.txt`).split('\n');
    const r = await run(['read', capturePath(curl), '-Y', 'tcp.flags.syn == 1 || tcp contains "GET"']);
    expect(r.code).toBe(0);
    // Frames 3, 4 (SYN, SYN-ACK) and 6 (the GET), as tshark -Y selects them.
    expect(r.out).toBe([all[2], all[3], all[5]].join('\n') + '\n');
  });

  it('runs the TCP analysis when the filter reads it (tshark\'s retransmissions), and the header fields without it', async () => {
    const rto = 'scenarios/tcp-data-retransmit-rto.pcap';
    const lines = readText(`${rto}.tcpdump.txt`).split('\n');
    const r = await run(['read', capturePath(rto), '-Y', 'tcp.analysis.retransmission']);
    expect(r.code).toBe(0);
    expect(r.out).toBe([11, 12, 13, 14, 15, 18, 19].map((n) => lines[n - 1]).join('\n') + '\n');
    const syn = await run(['read', capturePath(rto), '-Y', 'tcp.flags.syn == 1 and not tcp.analysis.flags']);
    const plain = await run(['read', capturePath(rto), '-Y', 'tcp.flags.syn == 1']);
    expect(syn.out).not.toBe('');
    expect(plain.out).toBe(syn.out);
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
