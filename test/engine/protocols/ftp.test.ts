// FTP control connection (print-ftp.c): txtproto_print without a command list, so the first
// line of every segment to or from port 21 is printed. Commands and replies on the real curl
// segment with its payload replaced (text-frames.support.ts).
import { describe, expect, it } from 'vitest';
import { cutEverywhere, dissect, expectTcpdumpCuts, line } from './link-transport.support.js';
import { segment, segmentPrefix } from './text-frames.support.js';

const CASES: readonly (readonly [number, number, string, string])[] = [
  [21, 40000, '220 (vsFTPd 3.0.3)\r\n', ': FTP: 220 (vsFTPd 3.0.3)'],
  [40000, 21, 'USER anonymous\r\n', ': FTP: USER anonymous'],
  [21, 40000, '331 Please specify the password.\r\n', ': FTP: 331 Please specify the password.'],
  [40000, 21, 'PASV\r\n', ': FTP: PASV'],
  [21, 40000, '227 Entering Passive Mode (192,0,2,20,117,49).\r\n', ': FTP: 227 Entering Passive Mode (192,0,2,20,117,49).'],
  [21, 40000, '230-Welcome\r\n230 Login successful.\r\n', ': FTP: 230-Welcome'],
  [40000, 21, 'QUIT', ': FTP: QUIT [|ftp]'],
  [40000, 21, 'STOR \x80\r\n', ': FTP'],
  // tcpdump tries FTP before HTTP.
  [21, 80, 'GET / HTTP/1.1\r\n', ': FTP: GET / HTTP/1.1'],
];
const FRAMES = CASES.map(([s, d, p]) => segment(s, d, p));

describe('FTP summary line', () => {
  it.each(CASES.map(([s, d, p, want], i) => [`${s} > ${d} ${JSON.stringify(p).slice(0, 30)}`, want, i] as const))('%s', (_n, want, i) => {
    const [s, d] = CASES[i]!;
    const f = FRAMES[i]!;
    expect(line(f)).toBe(segmentPrefix(s, d, f.length - 66) + want);
  });

  it('prints every line of a multi-line reply at -v', () => {
    expect(line(FRAMES[5]!, { verbose: 1 }).split('\n').slice(2)).toEqual(['\t230-Welcome', '\t230 Login successful.']);
  });

  it('sets the protocol column', () => {
    expect(dissect(FRAMES[1]!).facts.protocol).toBe('FTP');
    expect(dissect(FRAMES[1]!).facts.layers).toEqual(['ether', 'ip', 'tcp', 'ftp']);
  });

  it('matches tcpdump for every case at -n and -v, and for every truncation of a reply', () => {
    expectTcpdumpCuts('ftp', 1, FRAMES, [], 0);
    expectTcpdumpCuts('ftp', 1, FRAMES, ['-v'], 0);
    expectTcpdumpCuts('ftp-cuts', 1, [FRAMES[0]!, FRAMES[5]!]);
    for (const f of [FRAMES[0]!, FRAMES[5]!]) cutEverywhere(f);
  });
});
