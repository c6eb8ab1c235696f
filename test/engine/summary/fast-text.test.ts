// fast-text.ts: each constant writer stores exactly its text (the list is written by hand
// from a table, so each one is checked against it).
import { describe, expect, it } from 'vitest';
import * as text from '../../../electron/engine/summary/fast-text.js';

const EXPECTED: Record<keyof typeof text, string> = {
  putIpText: 'IP ',
  putGt: ' > ',
  putColon: ': ',
  putFlagsText: 'Flags [',
  putSeqText: ', seq ',
  putAckText: ', ack ',
  putWinText: ', win ',
  putUrgText: ', urg ',
  putLengthText: ', length ',
  putOptionsText: ', options [',
  putNop: 'nop',
  putEol: 'eol',
  putMssText: 'mss ',
  putWscaleText: 'wscale ',
  putSackOk: 'sackOK',
  putSackText: 'sack ',
  putTsText: 'TS val ',
  putEcrText: ' ecr ',
  putHttpText: ': HTTP',
  putUdpText: 'UDP, length ',
};

describe('fast-text constant writers', () => {
  it('write their text at the position and return its end', () => {
    for (const [name, want] of Object.entries(EXPECTED)) {
      const b = new Uint8Array(32).fill(0x7e);
      const end = text[name as keyof typeof text](b, 2);
      expect(end, name).toBe(2 + want.length);
      expect(Buffer.from(b.subarray(2, end)).toString('latin1'), name).toBe(want);
      expect(b[1]).toBe(0x7e);
      expect(b[end]).toBe(0x7e);
    }
  });
});
