// tcpdump's txtproto_print (util-print.c, text-protocol.ts), shared by HTTP, RTSP, FTP, SMTP
// and WHOIS: which first lines it prints, how it treats line ends, control bytes, long tokens
// and text cut by the capture, at -n and -v. The payloads ride on the real curl GET segment
// (text-frames.support.ts) to port 80 (a command list and response codes) and 21 (no list).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutEverywhere, dissect, expectSound, expectTcpdumpCuts, line } from './link-transport.support.js';
import { segment, segmentPrefix } from './text-frames.support.js';

// Payload to port 80 and what tcpdump -n prints after `length N`.
const HTTP_CASES: readonly (readonly [string, string])[] = [
  ['GET / HTTP/1.1\r\nHost: a\r\n\r\n', ': HTTP: GET / HTTP/1.1'],
  ['get /lower HTTP/1.0\r\n\r\n', ': HTTP: get /lower HTTP/1.0'],
  ['HTTP/1.1 404 Not Found\r\n\r\n', ': HTTP: HTTP/1.1 404 Not Found'],
  ['HTTP/1.1 2000 Odd\r\n\r\n', ': HTTP'],
  ['RTSP/1.0 200 OK\r\n', ': HTTP: RTSP/1.0 200 OK'],
  ['PROPFIND /dav HTTP/1.1\n\n', ': HTTP: PROPFIND /dav HTTP/1.1'],
  ['FETCH /x HTTP/1.1\r\n', ': HTTP'],
  ['GET /no-line-end', ': HTTP: GET /no-line-end [|http]'],
  ['GET /cr-only\rX\r\n', ': HTTP'],
  ['GET /ends-with-cr\r', ': HTTP'],
  ['GET /\x01control\r\n', ': HTTP'],
  ['GET /high\xe9bit\r\n', ': HTTP'],
  ['\xc0GET / HTTP/1.1\r\n', ': HTTP'],
  ['GET\t/tab HTTP/1.1\r\n', ': HTTP: GET\t/tab HTTP/1.1'],
  [`GET /${'a'.repeat(140)} HTTP/1.1\r\n`, `: HTTP: GET /${'a'.repeat(140)} HTTP/1.1`],
  [`${'G'.repeat(130)} / HTTP/1.1\r\n`, ': HTTP'],
  ['<html><body>continuation</body></html>\n', ': HTTP'],
  ['GET   /spaces   HTTP/1.1\r\n', ': HTTP: GET   /spaces   HTTP/1.1'],
  ['\r\n', ': HTTP'],
];

// Payload to port 21 (FTP: no command list, every first line is printed).
const FTP_CASES: readonly (readonly [string, string])[] = [
  ['220 (vsFTPd 3.0.3)\r\n', ': FTP: 220 (vsFTPd 3.0.3)'],
  ['USER anonymous\r\n', ': FTP: USER anonymous'],
  ['RETR file\r\nQUIT\r\n', ': FTP: RETR file'],
  ['not a line', ': FTP: not a line [|ftp]'],
  ['\x00\x01\x02', ': FTP'],
];

const HTTP_FRAMES = HTTP_CASES.map(([p]) => segment(56368, 80, p));
const FTP_FRAMES = FTP_CASES.map(([p]) => segment(56368, 21, p));

describe('txtproto_print first lines (tcpdump -n)', () => {
  it.each(HTTP_CASES.map(([p, want], i) => [JSON.stringify(p).slice(0, 40), want, i] as const))('HTTP %s', (_p, want, i) => {
    const f = HTTP_FRAMES[i]!;
    expect(line(f)).toBe(segmentPrefix(56368, 80, f.length - 66) + want);
  });

  it.each(FTP_CASES.map(([p, want], i) => [JSON.stringify(p), want, i] as const))('FTP %s', (_p, want, i) => {
    const f = FTP_FRAMES[i]!;
    expect(line(f)).toBe(segmentPrefix(56368, 21, f.length - 66) + want);
  });

  it('marks text without a line end as truncated, not malformed', () => {
    const r = dissect(HTTP_FRAMES[7]!);
    expect([r.facts.truncated, r.facts.malformed]).toEqual([true, false]);
  });
});

describe('txtproto_print at -v: every line, with the payload length', () => {
  it('prints each complete line on its own tab-indented line', () => {
    const lines = line(HTTP_FRAMES[0]!, { verbose: 1 }).split('\n');
    expect(lines[1]!.endsWith(', length 27: HTTP, length: 27')).toBe(true);
    expect(lines.slice(2)).toEqual(['\tGET / HTTP/1.1', '\tHost: a', '\t']);
  });

  it('stops at the first line that is not text', () => {
    const f = segment(56368, 21, 'USER a\r\nPASS \x01\r\nQUIT\r\n');
    expect(line(f, { verbose: 1 }).split('\n').slice(2)).toEqual(['\tUSER a']);
  });

  it('prints nothing after the name when the first token is not a command', () => {
    expect(line(HTTP_FRAMES[16]!, { verbose: 1 }).endsWith(', length 39: HTTP')).toBe(true);
  });
});

describe('text protocols against tcpdump', () => {
  it('print every case as tcpdump does at -n and -v', () => {
    const all = [...HTTP_FRAMES, ...FTP_FRAMES];
    expectTcpdumpCuts('text-protocol', 1, all, [], 0);
    expectTcpdumpCuts('text-protocol', 1, all, ['-v'], 0);
  });

  it('print every truncation of a few cases as tcpdump does', () => {
    const some = [HTTP_FRAMES[0]!, HTTP_FRAMES[2]!, HTTP_FRAMES[8]!, FTP_FRAMES[2]!];
    expectTcpdumpCuts('text-protocol-cuts', 1, some, []);
    expectTcpdumpCuts('text-protocol-cuts', 1, some, ['-v']);
  });

  it('never fail when cut, and keep the tree inside the captured bytes', () => {
    for (const f of [...HTTP_FRAMES.slice(0, 10), ...FTP_FRAMES]) cutEverywhere(f);
  });
});

describe('random text behind the line printers', () => {
  it('never fails, for every text port', () => {
    const text = fc.array(fc.constantFrom('GET ', 'HTTP/1.1 ', '200 ', 'a', ' ', '\r', '\n', '\t', '\x00', '\xff', 'SSH-', '2.0-x', 'USER '), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.constantFrom(21, 22, 25, 43, 80, 554, 8080, 8554), text, fc.integer({ min: 0, max: 1 }), (port, payload, verbose) => {
        const f = segment(40000, port, payload);
        expectSound(f, { verbose });
        expectSound(f.subarray(0, f.length - 1), { verbose, wirelen: f.length });
      }),
      { numRuns: 400 },
    );
  });
});
