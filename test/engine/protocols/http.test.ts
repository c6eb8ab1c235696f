// HTTP/1.x (print-http.c) on the real request and response of scenarios/tcp-http-curl.pcap:
// the first line at -n, every header line at -v, the request methods tcpdump knows, port 8080,
// the http tree node and the facts, and the frames cut at every length vs tcpdump.
import { describe, expect, it } from 'vitest';
import { FrameDissector } from '../../../electron/engine/dissect/dissect-frame.js';
import { DEFAULT_PRINT_OPTIONS } from '../../../electron/engine/dissect/print-options.js';
import { CONVERSATION, CONVERSATION_LINES, GET, RESPONSE } from './tcp-conversation.support.js';
import { REGISTRY, cutEverywhere, dissect, expectField, expectSound, expectTcpdumpCuts, line, tree } from './link-transport.support.js';
import { segment, segmentPrefix } from './text-frames.support.js';

// The request and response lines of the conversation (frames 6 and 8 of tcp-http-curl.pcap):
//   IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [P.], seq 1:85, ... length 84: HTTP: GET /index.html HTTP/1.1
//   IP 192.0.2.20.80 > 192.0.2.10.56368: Flags [P.], seq 1:294, ... length 293: HTTP: HTTP/1.1 200 OK
// (their tcpdump -XX dumps are in tcp-conversation.support.ts).

const METHODS = [
  'GET', 'PUT', 'COPY', 'HEAD', 'LOCK', 'MOVE', 'POLL', 'POST', 'BCOPY', 'BMOVE', 'MKCOL', 'TRACE', 'LABEL', 'MERGE',
  'DELETE', 'SEARCH', 'UNLOCK', 'REPORT', 'UPDATE', 'NOTIFY', 'BDELETE', 'CONNECT', 'OPTIONS', 'CHECKIN', 'PROPFIND',
  'CHECKOUT', 'CCM_POST', 'SUBSCRIBE', 'PROPPATCH', 'BPROPFIND', 'BPROPPATCH', 'UNCHECKOUT', 'MKACTIVITY',
  'MKWORKSPACE', 'UNSUBSCRIBE', 'RPC_CONNECT', 'VERSION-CONTROL', 'BASELINE-CONTROL',
];
const METHOD_FRAMES = [...METHODS, 'PATCH', 'BREW'].map((m) => segment(56368, 80, `${m} /x HTTP/1.1\r\n\r\n`));

describe('HTTP summary line', () => {
  it('prints the request and status lines of the curl exchange', () => {
    const fd = new FrameDissector(REGISTRY, DEFAULT_PRINT_OPTIONS);
    const lines = CONVERSATION.map((f, i) => fd.dissect(f, f.length, { number: i + 1, linktype: 1 }).line);
    expect(lines[3]).toBe(CONVERSATION_LINES[3]);
    expect(lines[5]).toBe(CONVERSATION_LINES[5]);
  });

  it('prints every header line at -v', () => {
    expect(line(GET, { verbose: 1 }).split('\n').slice(1)).toEqual([
      '    192.0.2.10.56368 > 192.0.2.20.80: Flags [P.], cksum 0xc070 (correct), seq 2752494995:2752495079, ack 539270939, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length 84: HTTP, length: 84',
      '\tGET /index.html HTTP/1.1',
      '\tHost: 192.0.2.20',
      '\tUser-Agent: curl/7.88.1',
      '\tAccept: */*',
      '\t',
    ]);
    expect(line(RESPONSE, { verbose: 1 }).split('\n').slice(2)).toEqual([
      '\tHTTP/1.1 200 OK',
      '\tServer: nginx/1.22.1',
      '\tDate: Sat, 21 Nov 2026 05:28:32 GMT',
      '\tContent-Type: text/html',
      '\tContent-Length: 57',
      '\tLast-Modified: Sat, 21 Nov 2026 05:28:31 GMT',
      '\tConnection: keep-alive',
      '\tETag: "6b012bff-39"',
      '\tAccept-Ranges: bytes',
      '\t',
      '\t<html><body><h1>pcap corpus test page</h1></body></html>',
    ]);
  });

  it('knows the same request methods as tcpdump, and no others', () => {
    METHODS.forEach((m, i) => expect(line(METHOD_FRAMES[i]!)).toBe(`${segmentPrefix(56368, 80, m.length + 16)}: HTTP: ${m} /x HTTP/1.1`));
    expect(line(METHOD_FRAMES[METHODS.length]!)).toBe(`${segmentPrefix(56368, 80, 21)}: HTTP`);
    expectTcpdumpCuts('http-methods', 1, METHOD_FRAMES, [], 0);
  });

  it('is used on port 8080 too', () => {
    expect(line(segment(40000, 8080, 'GET / HTTP/1.0\r\n\r\n'))).toBe(`${segmentPrefix(40000, 8080, 18)}: HTTP: GET / HTTP/1.0`);
  });
});

describe('HTTP facts and tree', () => {
  it('sets the protocol column and the layer', () => {
    const r = dissect(GET);
    expect(r.facts.protocol).toBe('HTTP');
    expect(r.facts.layers).toEqual(['ether', 'ip', 'tcp', 'http']);
  });

  it('adds an http node over the payload, cut to the captured bytes', () => {
    expect(expectField(tree(GET), 'http', 66, 84).label).toBe('Hypertext Transfer Protocol (84 bytes)');
    expectField(tree(RESPONSE), 'http', 66, 293);
    expectField(tree(RESPONSE.subarray(0, 100), { wirelen: RESPONSE.length }), 'http', 66, 34);
  });
});

describe('HTTP segments cut at every length', () => {
  it('never fail and keep the tree inside the captured bytes', () => {
    cutEverywhere(GET);
    cutEverywhere(RESPONSE.subarray(0, 140), { wirelen: RESPONSE.length });
    for (const f of METHOD_FRAMES.slice(0, 3)) expectSound(f);
  });

  it('print what tcpdump prints for each truncation, at -n and -v', () => {
    expectTcpdumpCuts('http', 1, [GET, RESPONSE]);
    expectTcpdumpCuts('http', 1, [GET, RESPONSE], ['-v']);
  });
});
