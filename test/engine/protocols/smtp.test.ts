// SMTP (print-smtp.c): txtproto_print without a command list on port 25. A session's commands
// and replies on the real curl segment with its payload replaced (text-frames.support.ts).
import { describe, expect, it } from 'vitest';
import { cutEverywhere, dissect, expectTcpdumpCuts, line } from './link-transport.support.js';
import { segment, segmentPrefix } from './text-frames.support.js';

const CASES: readonly (readonly [number, number, string, string])[] = [
  [25, 40000, '220 mail.example.test ESMTP Postfix\r\n', ': SMTP: 220 mail.example.test ESMTP Postfix'],
  [40000, 25, 'EHLO client.example.test\r\n', ': SMTP: EHLO client.example.test'],
  [25, 40000, '250-mail.example.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n', ': SMTP: 250-mail.example.test'],
  [40000, 25, 'MAIL FROM:<a@example.test>\r\n', ': SMTP: MAIL FROM:<a@example.test>'],
  [40000, 25, 'Subject: hi\r\n\r\nbody\r\n.\r\n', ': SMTP: Subject: hi'],
  [40000, 25, '\x16\x03\x01\x02\x00', ': SMTP'],
  // tcpdump tries SMTP before every other TCP port.
  [25, 21, 'HELO x\r\n', ': SMTP: HELO x'],
];
const FRAMES = CASES.map(([s, d, p]) => segment(s, d, p));

describe('SMTP summary line', () => {
  it.each(CASES.map(([s, d, p, want], i) => [`${s} > ${d} ${JSON.stringify(p).slice(0, 30)}`, want, i] as const))('%s', (_n, want, i) => {
    const [s, d] = CASES[i]!;
    const f = FRAMES[i]!;
    expect(line(f)).toBe(segmentPrefix(s, d, f.length - 66) + want);
  });

  it('prints every line at -v', () => {
    expect(line(FRAMES[2]!, { verbose: 1 }).split('\n').slice(2)).toEqual(['\t250-mail.example.test', '\t250-PIPELINING', '\t250 8BITMIME']);
  });

  it('sets the protocol column', () => {
    expect(dissect(FRAMES[1]!).facts.protocol).toBe('SMTP');
    expect(dissect(FRAMES[1]!).facts.layers).toEqual(['ether', 'ip', 'tcp', 'smtp']);
  });

  it('matches tcpdump for every case at -n and -v, and for every truncation of a reply', () => {
    expectTcpdumpCuts('smtp', 1, FRAMES, [], 0);
    expectTcpdumpCuts('smtp', 1, FRAMES, ['-v'], 0);
    expectTcpdumpCuts('smtp-cuts', 1, [FRAMES[0]!, FRAMES[2]!]);
    for (const f of [FRAMES[0]!, FRAMES[2]!]) cutEverywhere(f);
  });
});
