// Sizes in the serve host's option and messages and in the page: binary units both ways.
import { describe, expect, it } from 'vitest';
import { formatBytes, parseByteSize } from '../../electron/shared/byte-size.js';

describe('byte sizes', () => {
  it('formats in binary units, one decimal at most', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1023)).toBe('1023 bytes');
    expect(formatBytes(1024)).toBe('1 KiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(4 * 1024 ** 3)).toBe('4 GiB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatBytes(300 * 1024 ** 2 + 1)).toBe('300 MiB');
    expect(formatBytes(5 * 1024 ** 5)).toBe('5120 TiB');
  });

  it('reads what people write, and nothing else', () => {
    expect(parseByteSize('4G')).toBe(4 * 1024 ** 3);
    expect(parseByteSize('4 GiB')).toBe(4 * 1024 ** 3);
    expect(parseByteSize('4gb')).toBe(4 * 1024 ** 3);
    expect(parseByteSize('512M')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1.5T')).toBe(1.5 * 1024 ** 4);
    expect(parseByteSize('64k')).toBe(65536);
    expect(parseByteSize('1000000')).toBe(1_000_000);
    expect(parseByteSize('10 bytes')).toBe(10);
    for (const bad of ['', 'G', '-1G', '4X', '4 G G', '1e9', '0x10', '9'.repeat(30)]) expect(parseByteSize(bad), bad).toBeUndefined();
  });
});
