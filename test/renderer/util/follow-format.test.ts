import { describe, expect, it } from 'vitest';
import type { FollowDto } from '../../../electron/shared/stats-dto.js';
import { followPieces, followSummary, followText } from '../../../renderer/src/util/follow-format.js';

const enc = (s: string): number[] => [...new TextEncoder().encode(s)];
const parts = ['GET / HTTP/1.1\r\n\r\n', 'HTTP/1.1 200 OK\r\n\r\nhé\u0001', '[5 bytes missing in capture file]\0'];
const data = Uint8Array.from(parts.flatMap(enc));
let at = 0;
const chunks = parts.map((p, k) => {
  const n = enc(p).length;
  const c = { server: k !== 0, frame: 4 + k, start: at, end: at + n, missing: k === 2 };
  at += n;
  return c;
});
const f: FollowDto = { proto: 'tcp', stream: 0, filter: 'tcp.stream eq 0', flow: 1, client: { address: 'a', port: 1 }, server: { address: 'b', port: 2 }, chunks, data, cut: 0 };

describe('Follow Stream views', () => {
  it('ASCII keeps line ends and dots the rest; UTF-8 decodes; one side only', () => {
    expect(followText(f, 'ascii', 'both')).toBe('GET / HTTP/1.1\r\n\r\nHTTP/1.1 200 OK\r\n\r\nh...[5 bytes missing in capture file]\n');
    expect(followText(f, 'utf8', 'server')).toBe('HTTP/1.1 200 OK\r\n\r\nhé\u0001[5 bytes missing in capture file]\n');
    expect(followPieces(f, 'ascii', 'client').map((p) => [p.server, p.frame])).toEqual([[false, 4]]);
    expect(followSummary(f)).toEqual({ client: 18, server: 23 });
  });

  it('hex dump offsets count per direction; raw is one hex line a chunk', () => {
    const hex = followText(f, 'hex', 'server').split('\n');
    expect(hex[0]).toBe('00000000  48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  HTTP/1.1 200 OK.');
    expect(hex[1]).toMatch(/^00000010  0a 0d 0a 68 c3 a9 01 {10}/);
    expect(followText(f, 'raw', 'client')).toBe('474554202f20485454502f312e310d0a0d0a\n');
  });
});
