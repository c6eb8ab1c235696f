// The link-type table and tcpdump's "reading from file" line: every .tcpdump.err of the corpus
// that has one is reproduced from the file's first interface; and the table's names are
// those tcpdump prints (checked live when tcpdump is installed).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import {
  libpcapSnapshot,
  LINKTYPES,
  linktypeInfo,
  maxSnaplenForLinktype,
  tcpdumpReadingLine,
} from '../../electron/capfile/linktypes.js';
import { PcapWriter } from '../../electron/capfile/pcap-writer.js';
import { haveCorpus, listCaptures, loadCapture, tcpdumpErr } from './corpus.js';

describe('link types', () => {
  it('names the ones the engine supports as tcpdump does', () => {
    expect(tcpdumpReadingLine('f.pcap', 1, 262144)).toBe('reading from file f.pcap, link-type EN10MB (Ethernet), snapshot length 262144');
    expect(tcpdumpReadingLine('f', 113, 65535)).toBe('reading from file f, link-type LINUX_SLL (Linux cooked v1), snapshot length 65535');
    expect(tcpdumpReadingLine('f', 276, 0)).toBe('reading from file f, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 262144');
    expect(tcpdumpReadingLine('f', 101, 96)).toBe('reading from file f, link-type RAW (Raw IP), snapshot length 96');
    expect(tcpdumpReadingLine('f', 147, 262144)).toBe('reading from file f, link-type 147, snapshot length 262144');
    expect(linktypeInfo(0)).toMatchObject({ name: 'NULL', description: 'BSD loopback' });
    expect(linktypeInfo(108)).toMatchObject({ name: 'LOOP', description: 'OpenBSD loopback' });
    expect(linktypeInfo(228)).toMatchObject({ name: 'IPV4', description: 'Raw IPv4' });
    expect(linktypeInfo(229)).toMatchObject({ name: 'IPV6', description: 'Raw IPv6' });
    expect(linktypeInfo(12)?.description).toBe('Raw IP');
    expect(linktypeInfo(14)?.description).toBe('Raw IP');
    expect(linktypeInfo(147)?.name).toBe('USER0');
  });

  it('adjusts snapshot lengths and caps packet sizes like libpcap', () => {
    expect(libpcapSnapshot(1, 0)).toBe(262144);
    expect(libpcapSnapshot(1, 0x80000000)).toBe(262144);
    expect(libpcapSnapshot(1, 8400944)).toBe(8400944);
    expect(libpcapSnapshot(231, 0)).toBe(128 * 1024 * 1024);
    expect(maxSnaplenForLinktype(249)).toBe(1024 * 1024);
    expect(maxSnaplenForLinktype(1)).toBe(262144);
  });
});

describe.skipIf(!haveCorpus)('tcpdump’s reading line for every corpus file that has a .tcpdump.err', () => {
  const files = listCaptures(
    'formats',
    'malformed/derived',
    'malformed/libpcap',
    'malformed/fuzzed',
    'pcapng-suite/libpcap',
    'pcapng-suite/pcapng-test-generator/le',
    'pcapng-suite/pcapng-test-generator/be',
  ).filter((f) => tcpdumpErr(f)?.readingLine);

  it.each(files)('%s', (rel) => {
    let magic: number | undefined;
    const r = readCaptureBytes(loadCapture(rel), { onPacket: () => {}, onHeader: (_f, i) => void (magic = i.pcapHeader?.magic) });
    const first = r.interfaces[0];
    expect(first).toBeDefined();
    if (first) expect(tcpdumpReadingLine(basename(rel), first.linktype, first.snaplen, magic)).toBe(tcpdumpErr(rel)?.readingLine);
  });
});

describe.skipIf(spawnSync('tcpdump', ['--version']).status !== 0)('the table against the installed tcpdump', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ackline-lt-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(LINKTYPES.map((e) => e.linktype))('link type %i', (linktype) => {
    const name = `lt-${linktype}.pcap`;
    writeFileSync(join(dir, name), new PcapWriter({ linktype, snaplen: 65535 }).header());
    const run = spawnSync('tcpdump', ['-r', name], { cwd: dir, encoding: 'utf8' });
    const line = run.stderr.split('\n').find((l) => l.startsWith('reading from file'));
    expect(line).toBe(tcpdumpReadingLine(name, linktype, 65535));
  });
});
