// WHOIS (print-whois.c): txtproto_print without a command list on port 43: the query and the
// first line of the answer, on the real curl segment with its payload replaced.
import { describe } from 'vitest';
import { textProtocolTests, type TextCase } from './text-frames.support.js';

const CASES: readonly TextCase[] = [
  [40000, 43, 'example.test\r\n', ': WHOIS: example.test'],
  [43, 40000, '% IANA WHOIS server\n% for more information on IANA, visit http://www.iana.org\n', ': WHOIS: % IANA WHOIS server'],
  [43, 40000, 'domain:       TEST\r\n', ': WHOIS: domain:       TEST'],
  [40000, 43, 'no-newline.test', ': WHOIS: no-newline.test [|whois]'],
  // tcpdump tries WHOIS before SSH, FTP and HTTP.
  [43, 80, 'GET / HTTP/1.1\r\n', ': WHOIS: GET / HTTP/1.1'],
];

describe('WHOIS summary line', () => {
  textProtocolTests({ name: 'whois', column: [0, 'WHOIS'], cases: CASES, verbose: [1, ['\t% IANA WHOIS server', '\t% for more information on IANA, visit http://www.iana.org']], cuts: [0] });
});
