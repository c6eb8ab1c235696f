// SMTP (print-smtp.c): txtproto_print without a command list on port 25. A session's commands
// and replies on the real curl segment with its payload replaced (text-frames.support.ts).
import { describe } from 'vitest';
import { textProtocolTests, type TextCase } from './text-frames.support.js';

const CASES: readonly TextCase[] = [
  [25, 40000, '220 mail.example.test ESMTP Postfix\r\n', ': SMTP: 220 mail.example.test ESMTP Postfix'],
  [40000, 25, 'EHLO client.example.test\r\n', ': SMTP: EHLO client.example.test'],
  [25, 40000, '250-mail.example.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n', ': SMTP: 250-mail.example.test'],
  [40000, 25, 'MAIL FROM:<a@example.test>\r\n', ': SMTP: MAIL FROM:<a@example.test>'],
  [40000, 25, 'Subject: hi\r\n\r\nbody\r\n.\r\n', ': SMTP: Subject: hi'],
  [40000, 25, '\x16\x03\x01\x02\x00', ': SMTP'],
  // tcpdump tries SMTP before every other TCP port.
  [25, 21, 'HELO x\r\n', ': SMTP: HELO x'],
];

describe('SMTP summary line', () => {
  textProtocolTests({ name: 'smtp', column: [1, 'SMTP'], cases: CASES, verbose: [2, ['\t250-mail.example.test', '\t250-PIPELINING', '\t250 8BITMIME']], cuts: [0, 2] });
});
