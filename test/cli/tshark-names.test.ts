// `ackline tshark -N …`: the summary lines with names, byte for byte as tshark 4.0 prints them
// (test/fixtures/names/F.NX.txt): MAC names (Broadcast), port names in the Info column
// (`47596 → winrm(47001)`, UDP too) and host names learned from the capture's own DNS answers
// (-N nd: dns_tcp.pcap names 209.87.249.18 from its response's additional records onwards).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures } from '../support/captures.js';
import { runCli } from './tshark-run.js';

const cases: [string, string][] = [
  ['scenarios/dns-queries.pcap', 'mntd'],
  ['tcpdump-suite/dns_tcp.pcap', 'mntd'],
  ['scenarios/tcp-rst-abort.pcap', 't'],
  ['scenarios/icmp-router-errors.pcap', 't'],
];

describe.skipIf(!haveCaptures)('tshark -N', () => {
  it.each(cases)('%s -N %s', async (file, letters) => {
    const want = readFileSync(new URL(`../fixtures/names/${file.split('/')[1]}.N${letters}.txt`, import.meta.url), 'utf8');
    const r = await runCli(['tshark', '-r', capturePath(file), '-N', letters]);
    expect(r.err).toBe('');
    expect(Buffer.from(r.out, 'latin1').toString('utf8')).toBe(want);
  });

  it('-n after -N turns the names off again', async () => {
    const r = await runCli(['tshark', '-N', 'mntd', '-n', '-r', capturePath('tcpdump-suite/dns_tcp.pcap')]);
    expect(r.out).not.toContain('nic.sandelman.ca \u2192');
    expect(r.out).toContain('209.87.249.18');
  });

  it('refuses an unknown letter with one line', async () => {
    const r = await runCli(['tshark', '-r', capturePath('scenarios/dns-queries.pcap'), '-N', 'mx']);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain("unknown name resolution flag 'x'");
  });
});
