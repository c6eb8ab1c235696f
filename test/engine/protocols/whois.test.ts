// WHOIS (print-whois.c): txtproto_print without a command list on port 43: the query and the
// first line of the answer, on the real curl segment with its payload replaced.
import { describe, expect, it } from 'vitest';
import { cutEverywhere, dissect, expectTcpdumpCuts, line } from './link-transport.support.js';
import { segment, segmentPrefix } from './text-frames.support.js';

const CASES: readonly (readonly [number, number, string, string])[] = [
  [40000, 43, 'example.test\r\n', ': WHOIS: example.test'],
  [43, 40000, '% IANA WHOIS server\n% for more information on IANA, visit http://www.iana.org\n', ': WHOIS: % IANA WHOIS server'],
  [43, 40000, 'domain:       TEST\r\n', ': WHOIS: domain:       TEST'],
  [40000, 43, 'no-newline.test', ': WHOIS: no-newline.test [|whois]'],
  // tcpdump tries WHOIS before SSH, FTP and HTTP.
  [43, 80, 'GET / HTTP/1.1\r\n', ': WHOIS: GET / HTTP/1.1'],
];
const FRAMES = CASES.map(([s, d, p]) => segment(s, d, p));

describe('WHOIS summary line', () => {
  it.each(CASES.map(([s, d, p, want], i) => [`${s} > ${d} ${JSON.stringify(p).slice(0, 30)}`, want, i] as const))('%s', (_n, want, i) => {
    const [s, d] = CASES[i]!;
    const f = FRAMES[i]!;
    expect(line(f)).toBe(segmentPrefix(s, d, f.length - 66) + want);
  });

  it('prints every line at -v and sets the protocol column', () => {
    expect(line(FRAMES[1]!, { verbose: 1 }).split('\n').slice(2)).toEqual(['\t% IANA WHOIS server', '\t% for more information on IANA, visit http://www.iana.org']);
    expect(dissect(FRAMES[0]!).facts.protocol).toBe('WHOIS');
    expect(dissect(FRAMES[0]!).facts.layers).toEqual(['ether', 'ip', 'tcp', 'whois']);
  });

  it('matches tcpdump for every case at -n and -v, and for every truncation of a query', () => {
    expectTcpdumpCuts('whois', 1, FRAMES, [], 0);
    expectTcpdumpCuts('whois', 1, FRAMES, ['-v'], 0);
    expectTcpdumpCuts('whois-cuts', 1, [FRAMES[0]!]);
    cutEverywhere(FRAMES[0]!);
  });
});
