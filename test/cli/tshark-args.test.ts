// `ackline tshark` options: getopt-style parsing, -E options, and the errors tshark gives.
import { describe, expect, it } from 'vitest';
import { parseTsharkArgs } from '../../electron/cli/tshark-args.js';
import { capturePath, haveCaptures } from '../support/captures.js';
import { runCli } from './tshark-run.js';

describe('parseTsharkArgs', () => {
  it('reads grouped flags and attached arguments as getopt does', () => {
    const a = parseTsharkArgs(['-nr', 'f.pcap', '-qz', 'conv,tcp', '-Tfields', '-e', 'ip.src', '-Eseparator=,', '-c5', '-Y', 'tcp']);
    expect(a).toMatchObject({ file: 'f.pcap', quiet: true, stats: ['conv,tcp'], format: 'fields', fields: ['ip.src'], fieldOptions: [['separator', ',']], count: 5, displayFilter: 'tcp' });
  });

  it('refuses what it cannot do with a one-line reason', () => {
    expect(() => parseTsharkArgs(['-r', 'f', '-i', 'eth0'])).toThrow(/option -i is not supported/);
    expect(() => parseTsharkArgs(['-n'])).toThrow(/no capture file given/);
    expect(() => parseTsharkArgs(['-r', 'f', '-c', '0'])).toThrow(/not a positive number/);
    expect(() => parseTsharkArgs(['-r', 'f', '-T', 'pdml'])).toThrow(/invalid -T parameter "pdml"/);
    expect(() => parseTsharkArgs(['-r', 'f', '-T', 'fields'])).toThrow(/no fields were specified/);
    expect(() => parseTsharkArgs(['-r', 'f', '-e', 'ip.src'])).toThrow(/"-T fields" or "-T json" was not/);
    expect(() => parseTsharkArgs(['-r', 'f', '-Y'])).toThrow(/-Y needs an argument/);
  });
});

describe.skipIf(!haveCaptures)('ackline tshark errors', () => {
  const file = capturePath('scenarios/dns-queries.pcap');

  it('lists unknown fields as tshark does, sorted, and exits 1', async () => {
    const r = await runCli(['tshark', '-r', file, '-T', 'fields', '-e', 'foo.bar', '-e', 'ip.src', '-e', 'baz']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe("ackline: tshark: Some fields aren't valid:\n\tbaz\n\tfoo.bar\n");
  });

  it('rejects a bad -z view and a bad -E option', async () => {
    expect((await runCli(['tshark', '-r', file, '-q', '-z', 'conv,sctp'])).err).toMatch(/unsupported type/);
    expect((await runCli(['tshark', '-r', file, '-q', '-z', 'io,stat,x'])).err).toMatch(/invalid "-z io,stat,<interval>/);
    expect((await runCli(['tshark', '-r', file, '-q', '-z', 'io,stat,1,COUNT()udp'])).err).toMatch(/You didn't specify a field name for COUNT/);
    expect((await runCli(['tshark', '-r', file, '-q', '-z', 'follow,tcp,ebcdic,0'])).err).toMatch(/invalid -z follow argument/);
    expect((await runCli(['tshark', '-r', file, '-T', 'fields', '-e', 'ip.src', '-E', 'occurrence=x'])).err).toMatch(/invalid -E occurrence value "x" \(f, l, a or a number/);
  });

  it('shows a bad display filter with a caret under the problem', async () => {
    const r = await runCli(['tshark', '-r', file, '-Y', 'ip.src == 1.2.3.4 && tcp.prot == 80', '-T', 'fields', '-e', 'ip.src']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`ip.src == 1.2.3.4 && tcp.prot == 80\n${' '.repeat(21)}^${'~'.repeat(7)}`);
  });

  it('reports a missing file in one line and a damaged file after the good packets', async () => {
    const missing = await runCli(['tshark', '-r', '/nonexistent.pcap', '-q', '-z', 'io,phs']);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe('ackline: /nonexistent.pcap: No such file or directory\n');
    const cut = await runCli(['tshark', '-r', capturePath('malformed/derived/truncated-record-data.pcap'), '-T', 'fields', '-e', 'frame.number']);
    expect(cut.out.trim().split('\n').length).toBeGreaterThan(0);
    expect(cut.err).toMatch(/truncated dump file/);
    expect(cut.code).toBe(2);
  });
});
