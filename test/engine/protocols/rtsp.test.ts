// RTSP (print-rtsp.c) on ports 554 and 8554: request and status lines through txtproto_print
// with RTSP's method list, on the real curl segment with its payload replaced (text-frames.support.ts).
import { describe, expect, it } from 'vitest';
import { expectField, tree } from './link-transport.support.js';
import { textProtocolTests, type TextCase } from './text-frames.support.js';

const METHODS = ['DESCRIBE', 'ANNOUNCE', 'GET_PARAMETER', 'OPTIONS', 'PAUSE', 'PLAY', 'RECORD', 'REDIRECT', 'SETUP', 'SET_PARAMETER', 'TEARDOWN'];
const CASES: readonly TextCase[] = [
  ...METHODS.map((m) => [40000, 554, `${m} rtsp://192.0.2.20/s RTSP/1.0\r\nCSeq: 1\r\n\r\n`, `: RTSP: ${m} rtsp://192.0.2.20/s RTSP/1.0`] as const),
  [554, 40000, 'RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n', ': RTSP: RTSP/1.0 200 OK'],
  [8554, 40000, 'RTSP/1.0 454 Session Not Found\r\n\r\n', ': RTSP: RTSP/1.0 454 Session Not Found'],
  [40000, 554, 'GET / HTTP/1.1\r\n\r\n', ': RTSP'],
  [40000, 8554, '$\x00\x00\x10interleaved-rtp', ': RTSP'],
  // tcpdump tries HTTP (port 80) before RTSP.
  [80, 554, 'DESCRIBE rtsp://x RTSP/1.0\r\n\r\n', ': HTTP'],
];

describe('RTSP summary line', () => {
  const FRAMES = textProtocolTests({ name: 'rtsp', column: [0, 'RTSP'], cases: CASES, verbose: [0, ['\tDESCRIBE rtsp://192.0.2.20/s RTSP/1.0', '\tCSeq: 1', '\t']], cuts: [0, 11] });

  it('keeps the TCP payload node in the tree', () => {
    expectField(tree(FRAMES[0]!), 'tcp.payload', 66, FRAMES[0]!.length - 66);
  });
});
