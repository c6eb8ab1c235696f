// pcapng block contents decoded from literal bytes (big-endian, built here by hand rather
// than with the writer, so that reader and writer cannot agree on a shared mistake).

import { describe, expect, it } from 'vitest';
import { libpcapOutcome } from '../../electron/capfile/capture-reader.js';
import { readAll } from './corpus.js';

/** Big-endian byte builder. */
class BE {
  private readonly bytes: number[] = [];
  u8(...v: number[]): this {
    this.bytes.push(...v.map((b) => b & 0xff));
    return this;
  }
  u16(v: number): this {
    return this.u8(v >> 8, v);
  }
  u32(v: number): this {
    return this.u8(v >>> 24, v >>> 16, v >>> 8, v);
  }
  u64(v: bigint): this {
    return this.u32(Number(v >> 32n)).u32(Number(v & 0xffffffffn));
  }
  text(s: string): this {
    return this.u8(...Buffer.from(s, 'utf8'));
  }
  pad(): this {
    while (this.bytes.length % 4) this.bytes.push(0);
    return this;
  }
  option(code: number, fill: (b: BE) => void): this {
    const v = new BE();
    fill(v);
    const value = v.done();
    return this.u16(code).u16(value.length).u8(...value).pad();
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function block(type: number, body: Uint8Array): Uint8Array {
  const len = 12 + body.length;
  return new BE().u32(type).u32(len).u8(...body).u32(len).done();
}

const endOfOptions = (b: BE): BE => b.u16(0).u16(0);

const file = Buffer.concat([
  block(0x0a0d0d0a, new BE().u32(0x1a2b3c4d).u16(1).u16(0).u64(0xffffffffffffffffn)
    .option(2, (b) => b.text('Test rig'))
    .option(3, (b) => b.text('Linux 6.1'))
    .option(4, (b) => b.text('ackline-test'))
    .option(1, (b) => b.text('section comment'))
    .option(1, (b) => b.text('second\ncomment'))
    .done()),
  // Custom block (CB, PEN 32473): skipped, handed to onOtherBlock.
  block(0x00000bad, new BE().u32(32473).text('custom').pad().done()),
  block(1, endOfOptions(new BE().u16(1).u16(0).u32(128)
    .option(2, (b) => b.text('eth0'))
    .option(3, (b) => b.text('uplink'))
    .option(1, (b) => b.text('idb comment'))
    .option(9, (b) => b.u8(0x80 | 20))
    .option(14, (b) => b.u64(1000n))
    .option(13, (b) => b.u8(4))).done()),
  // EPB: ticks 5 * 2^20 + 2^19 -> 5.5 s (+1000 s offset); comment and epb_flags (inbound, unicast).
  block(6, endOfOptions(new BE().u32(0).u32(0).u32(5 * 2 ** 20 + 2 ** 19).u32(5).u32(60).u8(1, 2, 3, 4, 5).pad()
    .option(1, (b) => b.text('hello'))
    .option(2, (b) => b.u32(0x00000005))).done()),
  // Obsolete Packet Block: interface (u16), drops (u16), ticks, caplen, len, data.
  block(2, new BE().u16(0).u16(3).u32(0).u32(2 ** 20).u32(3).u32(3).u8(9, 8, 7).pad().done()),
  // Simple Packet Block: len 6, snaplen 128 -> caplen 6, no timestamp.
  block(3, new BE().u32(6).u8(1, 1, 2, 2, 3, 3).pad().done()),
  // ISB with every counter and a comment.
  block(5, endOfOptions(new BE().u32(0).u32(0).u32(7 * 2 ** 20)
    .option(2, (b) => b.u64(0n))
    .option(4, (b) => b.u64(100n))
    .option(5, (b) => b.u64(1n))
    .option(6, (b) => b.u64(9n))
    .option(7, (b) => b.u64(42n))
    .option(8, (b) => b.u64(6n))
    .option(1, (b) => b.text('final counts'))).done()),
  // NRB: IPv4 with two names, IPv6 with one, an unknown record type, end.
  block(4, new BE()
    .u16(1).u16(4 + 10 + 10).u8(192, 0, 2, 1).text('a.example\0b.example\0').pad()
    .u16(2).u16(16 + 10).u8(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1).text('c.example\0').pad()
    .u16(9).u16(3).u8(1, 2, 3).pad()
    .u16(0).u16(0)
    .done()),
]);

describe('pcapng blocks from literal big-endian bytes', () => {
  const r = readAll(new Uint8Array(file));

  it('reads the whole file', () => {
    expect(r.reader.error).toBeNull();
    expect(libpcapOutcome(r.reader)).toEqual({ packets: 3, stop: null });
  });

  it('SHB options', () => {
    expect(r.headers).toEqual([
      expect.objectContaining({
        format: 'pcapng',
        bigEndian: true,
        versionMajor: 1,
        versionMinor: 0,
        section: 0,
        hardware: 'Test rig',
        os: 'Linux 6.1',
        application: 'ackline-test',
        comments: ['section comment', 'second\ncomment'],
      }),
    ]);
    expect(r.headers[0]?.rawOptions?.map((o) => o.code)).toEqual([2, 3, 4, 1, 1]);
  });

  it('IDB options, if_tsresol 2^-20 and if_tsoffset', () => {
    expect(r.interfaces).toEqual([
      expect.objectContaining({
        id: 0,
        localId: 0,
        section: 0,
        linktype: 1,
        snaplen: 128,
        name: 'eth0',
        description: 'uplink',
        comments: ['idb comment'],
        tsUnitsPerSecond: 2 ** 20,
        nanoPrecision: false, // 2^20 ticks per second is about a microsecond
        tsOffset: 1000,
        fcsLength: 4,
      }),
    ]);
  });

  it('EPB, PB and SPB', () => {
    expect(r.packets.map(({ dataOffset: _d, recordOffset: _r, ...p }) => p)).toEqual([
      { number: 1, interfaceId: 0, tsSec: 1005, tsNsec: 500_000_000, caplen: 5, wirelen: 60, blockType: 6,
        comments: ['hello'], epbFlags: 5, fileCaplen: undefined },
      { number: 2, interfaceId: 0, tsSec: 1001, tsNsec: 0, caplen: 3, wirelen: 3, blockType: 2,
        comments: undefined, epbFlags: undefined, fileCaplen: undefined },
      { number: 3, interfaceId: 0, tsSec: 0, tsNsec: 0, caplen: 6, wirelen: 6, blockType: 3,
        comments: undefined, epbFlags: undefined, fileCaplen: undefined },
    ]);
    expect(r.data.map((d) => Array.from(d))).toEqual([[1, 2, 3, 4, 5], [9, 8, 7], [1, 1, 2, 2, 3, 3]]);
    for (const [i, p] of r.packets.entries()) expect(Array.from(file.subarray(p.dataOffset, p.dataOffset + p.caplen))).toEqual(Array.from(r.data[i] ?? []));
  });

  it('ISB counters', () => {
    expect(r.stats).toEqual([
      { interfaceId: 0, tsSec: 1007, tsNsec: 0, ifRecv: 100, ifDrop: 1, filterAccept: 9, osDrop: 42, usrDeliv: 6, comments: ['final counts'] },
    ]);
  });

  it('NRB records', () => {
    expect(r.names).toEqual([
      [
        { address: '192.0.2.1', names: ['a.example', 'b.example'] },
        { address: '2001:db8::1', names: ['c.example'] },
      ],
    ]);
  });

  it('custom blocks are handed over whole', () => {
    expect(r.otherBlocks.map((b) => [b.type, b.bytes.length])).toEqual([[0xbad, 24]]);
  });
});
