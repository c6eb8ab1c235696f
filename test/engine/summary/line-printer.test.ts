// LinePrinter and invalidHeader (summary/line-printer.ts): the record-header sanity checks
// tcpdump's pretty_print_packet makes before the timestamp, numbering (-#), interfaces and
// link types per record, on records whose tcpdump 4.99.3 output is quoted below.
import { describe, expect, it } from 'vitest';
import type { PacketRecord } from '../../../electron/capfile/types.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter, invalidHeader } from '../../../electron/engine/summary/line-printer.js';
import { printCaptureBytes } from '../../../electron/engine/summary/print-capture.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';
import { pcapFile } from '../protocols/link-transport.support.js';
import { SYN } from '../protocols/tcp-conversation.support.js';

const SYN_LINE =
  'IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [S], seq 2752494994, win 64240, options [mss 1460,sackOK,TS val 4189141736 ecr 0,nop,wscale 10], length 0';

function rec(number: number, caplen: number, wirelen: number, interfaceId = 0): PacketRecord {
  return { number, interfaceId, tsSec: 1_700_000_000 + number, tsNsec: 5000, caplen, wirelen, dataOffset: 0, recordOffset: 0, blockType: 0 };
}

describe('invalidHeader', () => {
  it('accepts a sane record header', () => {
    expect(invalidHeader(74, 74)).toBeNull();
    expect(invalidHeader(60, 74)).toBeNull();
    expect(invalidHeader(262144, 262144)).toBeNull();
  });

  // From `tcpdump -# -n -r` on records with these caplen/len pairs (tcpdump 4.99.3):
  //     2  [Invalid header: caplen==0]          caplen 0, len 74
  //     3  [Invalid header: len==0]             caplen 74, len 0
  //     4  [Invalid header: len(60) < caplen(74)]
  //     6  [Invalid header: len(300000) > 262144]
  it('names each problem as tcpdump does', () => {
    expect(invalidHeader(0, 74)).toBe('[Invalid header: caplen==0]');
    expect(invalidHeader(74, 0)).toBe('[Invalid header: len==0]');
    expect(invalidHeader(74, 60)).toBe('[Invalid header: len(60) < caplen(74)]');
    expect(invalidHeader(74, 300000)).toBe('[Invalid header: len(300000) > 262144]');
    expect(invalidHeader(0, 0)).toBe('[Invalid header: caplen==0, len==0]');
    expect(invalidHeader(300000, 300000)).toBe('[Invalid header: caplen(300000) > 262144, len(300000) > 262144]');
  });
});

describe('LinePrinter', () => {
  const opts = { ...DEFAULT_LINE_OPTIONS, tz: utcOffset };

  it('prints the timestamp and the dissector line, or the invalid-header line without a timestamp', () => {
    const p = new LinePrinter(createRegistry(), opts);
    p.addInterface({ id: 0, section: 0, linktype: 1, snaplen: 262144, tsUnitsPerSecond: 1e6, nanoPrecision: false, tsOffset: 0 });
    expect(p.line(rec(1, 74, 74), SYN).text).toBe(`22:13:21.000005 ${SYN_LINE}`);
    expect(p.line(rec(2, 74, 60), SYN).text).toBe('[Invalid header: len(60) < caplen(74)]');
    expect(p.line(rec(3, 0, 74), new Uint8Array(0)).text).toBe('[Invalid header: caplen==0]');
  });

  it('numbers lines like -# and uses each interface\'s link type', () => {
    const p = new LinePrinter(createRegistry(), { ...opts, numbered: true, time: 'none' });
    p.addInterface({ id: 0, section: 0, linktype: 1, snaplen: 0, tsUnitsPerSecond: 1e6, nanoPrecision: false, tsOffset: 0 });
    p.addInterface({ id: 1, section: 0, linktype: 101, snaplen: 0, tsUnitsPerSecond: 1e6, nanoPrecision: false, tsOffset: 0 });
    expect(p.line(rec(7, 74, 74), SYN).text).toBe(`    7  ${SYN_LINE}`);
    expect(p.line(rec(12345, 60, 60, 1), SYN.subarray(14)).text).toBe(`12345  ${SYN_LINE}`);
    expect(p.line(rec(8, 0, 0), new Uint8Array(0)).text).toBe('    8  [Invalid header: caplen==0, len==0]');
    expect(p.linktypeOf(1)).toBe(101);
    expect(p.linktypeOf(9)).toBe(-1);
  });

  it('prints a whole capture like tcpdump -# -n (printCaptureBytes)', () => {
    const file = pcapFile(1, [
      { data: SYN, wirelen: 74 },
      { data: SYN.subarray(0, 0), wirelen: 74 },
      { data: SYN, wirelen: 60 },
    ]);
    const printed = printCaptureBytes(file, { ...opts, numbered: true });
    expect(printed.error).toBeNull();
    expect(printed.lines).toEqual([`    1  22:13:20.000000 ${SYN_LINE}`, '    2  [Invalid header: caplen==0]', '    3  [Invalid header: len(60) < caplen(74)]']);
  });
});
