import { describe, expect, it } from 'vitest';
import { copyBytes } from '../../../renderer/src/util/copy-bytes.js';

const b = Uint8Array.from([0x47, 0x45, 0x54, 0x20, 0x2f, 0x0d, 0x0a, 0x00, 0xff, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48]);

describe('Copy › Bytes', () => {
  it('as a hex stream, printable text, a C array and a hex dump', () => {
    expect(copyBytes(b, 'hex-stream')).toBe('474554202f0d0a00ff4142434445464748');
    expect(copyBytes(b, 'text')).toBe('GET /\r\nABCDEFGH');
    expect(copyBytes(b, 'c-array', 'pkt1')).toBe('static const unsigned char pkt1[17] = {\n0x47, 0x45, 0x54, 0x20, 0x2f, 0x0d, 0x0a, 0x00,\n0xff, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,\n0x48 };\n');
    expect(copyBytes(b, 'hex-dump').split('\n')).toEqual([
      '0000   47 45 54 20 2f 0d 0a 00  ff 41 42 43 44 45 46 47   GET /....ABCDEFG',
      `0010   ${'48'.padEnd(48)}   H`,
      '',
    ]);
  });
});
