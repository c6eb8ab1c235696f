// Follow TCP/UDP Stream: each direction in sequence order, retransmitted bytes once, early
// segments held until the gap fills, a gap the peer acknowledged marked as tshark marks it.
import { describe, expect, it } from 'vitest';
import { FollowTap } from '../../../electron/engine/tshark/follow.js';
import { tapText } from '../../../electron/engine/tshark/tap.js';
import { runFrames, type Seg } from './frames.js';

const text = (d: Uint8Array): string => String.fromCharCode(...d);
const handshake: Seg[] = [
  { dir: 'c', flags: 'S', seq: 100 },
  { dir: 's', flags: 'SA', seq: 500, ack: 101 },
  { dir: 'c', flags: 'A', seq: 101, ack: 501 },
];

function follow(segs: Seg[], mode: 'ascii' | 'hex' | 'raw' = 'ascii'): FollowTap {
  const f = new FollowTap('tcp', mode, 0);
  runFrames(segs, [f]);
  return f;
}

describe('FollowTap (tcp)', () => {
  it('gives each side its bytes in order, chunk per segment, client first seen', () => {
    const f = follow([...handshake, { dir: 'c', flags: 'PA', seq: 101, ack: 501, data: 'GET / HTTP/1.0\r\n\r\n' }, { dir: 's', flags: 'PA', seq: 501, ack: 119, data: 'HTTP/1.0 200 OK\r\n' }]);
    expect(f.client).toEqual({ address: '10.0.0.1', port: 1000 });
    expect(f.server).toEqual({ address: '10.0.0.2', port: 80 });
    expect(f.chunks.map((c) => [c.server, c.frame, text(c.data)])).toEqual([
      [false, 4, 'GET / HTTP/1.0\r\n\r\n'],
      [true, 5, 'HTTP/1.0 200 OK\r\n'],
    ]);
  });

  it('drops a retransmission and keeps only the new tail of an overlapping one', () => {
    const f = follow([
      ...handshake,
      { dir: 'c', flags: 'PA', seq: 101, ack: 501, data: 'abcd' },
      { dir: 'c', flags: 'PA', seq: 101, ack: 501, data: 'abcd' },
      { dir: 'c', flags: 'PA', seq: 103, ack: 501, data: 'cdef' },
    ]);
    expect(f.chunks.map((c) => text(c.data))).toEqual(['abcd', 'ef']);
  });

  it('holds a segment that came early until the gap is filled', () => {
    const f = follow([...handshake, { dir: 'c', flags: 'PA', seq: 105, ack: 501, data: 'efgh' }, { dir: 'c', flags: 'PA', seq: 101, ack: 501, data: 'abcd' }]);
    expect(f.chunks.map((c) => [c.frame, text(c.data)])).toEqual([
      [5, 'abcd'],
      [4, 'efgh'],
    ]);
  });

  it('marks bytes the peer acknowledged but the capture lacks, as tshark does', () => {
    const f = follow([...handshake, { dir: 'c', flags: 'PA', seq: 111, ack: 501, data: 'klmn' }, { dir: 's', flags: 'A', seq: 501, ack: 115 }]);
    expect(f.chunks.map((c) => [c.server, text(c.data)])).toEqual([
      [false, '[10 bytes missing in capture file]\0'],
      [false, 'klmn'],
    ]);
    expect(tapText(f, { elapsed: { sec: 0, nsec: 0 } })).toContain('35\n[10 bytes missing in capture file].\n4\nklmn\n');
  });

  it('prints the hex dump with offsets counted per side, dropping one trailing space', () => {
    const f = follow([...handshake, { dir: 'c', flags: 'PA', seq: 101, ack: 501, data: 'abcdefgh' }, { dir: 's', flags: 'PA', seq: 501, ack: 109, data: 'x' }, { dir: 'c', flags: 'PA', seq: 109, ack: 502, data: 'ij' }], 'hex');
    expect(tapText(f, { elapsed: { sec: 0, nsec: 0 } }).split('\n').slice(6, 9)).toEqual([
      '00000000  61 62 63 64 65 66 67 68                           abcdefgh',
      '\t00000000  78                                                x',
      `00000008  ${'69 6a '.padEnd(50)}ij`,
    ]);
  });

  it('takes only the captured bytes of a segment cut by the snapshot length', () => {
    const f = follow([...handshake, { dir: 'c', flags: 'PA', seq: 101, ack: 501, data: 'abcdefgh', captured: 3 }, { dir: 'c', flags: 'PA', seq: 109, ack: 501, data: 'ij' }], 'raw');
    expect(f.chunks.map((c) => text(c.data))).toEqual(['abc', 'ij']);
  });
});

describe('FollowTap (udp)', () => {
  it('is one chunk per datagram of the conversation', () => {
    const f = new FollowTap('udp', 'raw', 0);
    runFrames(
      [
        { dir: 'c', flags: '', seq: 0, udp: true, sport: 5000, dport: 6000, data: 'ping' },
        { dir: 's', flags: '', seq: 0, udp: true, sport: 6000, dport: 5000, data: 'pong' },
      ],
      [f],
    );
    expect(tapText(f, { elapsed: { sec: 0, nsec: 0 } }).split('\n').slice(4, 8)).toEqual(['Node 0: 10.0.0.1:5000', 'Node 1: 10.0.0.2:6000', '70696e67', '\t706f6e67']);
  });
});
