// FTP control connection (print-ftp.c): txtproto_print without a command list, so the first
// line of every segment to or from port 21 is printed. Commands and replies on the real curl
// segment with its payload replaced (text-frames.support.ts).
import { describe } from 'vitest';
import { textProtocolTests, type TextCase } from './text-frames.support.js';

const CASES: readonly TextCase[] = [
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

describe('FTP summary line', () => {
  textProtocolTests({ name: 'ftp', column: [1, 'FTP'], cases: CASES, verbose: [5, ['\t230-Welcome', '\t230 Login successful.']], cuts: [0, 5] });
});
