// RTSP (print-rtsp.c) on ports 554 and 8554: request and status lines through txtproto_print
// with RTSP's method list, on the real curl segment with its payload replaced (text-frames.support.ts).
import { describe, expect, it } from 'vitest';
import { cutEverywhere, dissect, expectField, expectTcpdumpCuts, line, tree } from './link-transport.support.js';
import { segment, segmentPrefix } from './text-frames.support.js';

const METHODS = ['DESCRIBE', 'ANNOUNCE', 'GET_PARAMETER', 'OPTIONS', 'PAUSE', 'PLAY', 'RECORD', 'REDIRECT', 'SETUP', 'SET_PARAMETER', 'TEARDOWN'];
const CASES: readonly (readonly [number, number, string, string])[] = [
  ...METHODS.map((m) => [40000, 554, `${m} rtsp://192.0.2.20/s RTSP/1.0\r\nCSeq: 1\r\n\r\n`, `: RTSP: ${m} rtsp://192.0.2.20/s RTSP/1.0`] as const),
  [554, 40000, 'RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n', ': RTSP: RTSP/1.0 200 OK'],
  [8554, 40000, 'RTSP/1.0 454 Session Not Found\r\n\r\n', ': RTSP: RTSP/1.0 454 Session Not Found'],
  [40000, 554, 'GET / HTTP/1.1\r\n\r\n', ': RTSP'],
  [40000, 8554, '$\x00\x00\x10interleaved-rtp', ': RTSP'],
  // tcpdump tries HTTP (port 80) before RTSP.
  [80, 554, 'DESCRIBE rtsp://x RTSP/1.0\r\n\r\n', ': HTTP'],
];
const FRAMES = CASES.map(([s, d, p]) => segment(s, d, p));

describe('RTSP summary line', () => {
  it.each(CASES.map(([s, d, p, want], i) => [`${s} > ${d} ${JSON.stringify(p).slice(0, 30)}`, want, i] as const))('%s', (_n, want, i) => {
    const [s, d] = CASES[i]!;
    const f = FRAMES[i]!;
    expect(line(f)).toBe(segmentPrefix(s, d, f.length - 66) + want);
  });

  it('prints every line at -v', () => {
    expect(line(FRAMES[0]!, { verbose: 1 }).split('\n').slice(2)).toEqual(['\tDESCRIBE rtsp://192.0.2.20/s RTSP/1.0', '\tCSeq: 1', '\t']);
  });

  it('sets the protocol column (the tree keeps the TCP payload node)', () => {
    expect(dissect(FRAMES[0]!).facts.protocol).toBe('RTSP');
    expect(dissect(FRAMES[0]!).facts.layers).toEqual(['ether', 'ip', 'tcp', 'rtsp']);
    expectField(tree(FRAMES[0]!), 'tcp.payload', 66, FRAMES[0]!.length - 66);
  });

  it('matches tcpdump for every case at -n and -v, and for every truncation of a request', () => {
    expectTcpdumpCuts('rtsp', 1, FRAMES, [], 0);
    expectTcpdumpCuts('rtsp', 1, FRAMES, ['-v'], 0);
    expectTcpdumpCuts('rtsp-cuts', 1, [FRAMES[0]!, FRAMES[11]!]);
    for (const f of [FRAMES[0]!, FRAMES[11]!]) cutEverywhere(f);
  });
});
