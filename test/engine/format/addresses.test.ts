// Address formatting (format/addresses.ts) as tcpdump -n prints it: MACs, IPv4, IPv6 in
// inet_ntop's RFC 5952 form (glibc's IPv4-mapped and -compatible forms), tok2str and hex.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hex, ipv4String, ipv6String, macString, tok2str } from '../../../electron/engine/format/addresses.js';

const bytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

describe('macString and ipv4String', () => {
  it('print lower-case colon-separated MACs at any offset and length', () => {
    const d = bytes('ffff 0200000a0010 abcdef');
    expect(macString(d, 2)).toBe('02:00:00:0a:00:10');
    expect(macString(d, 0, 2)).toBe('ff:ff');
    expect(macString(d, 8, 3)).toBe('ab:cd:ef');
    expect(macString(d, 0, 0)).toBe('');
  });

  it('print dotted quads', () => {
    expect(ipv4String(bytes('00c000020aff'), 1)).toBe('192.0.2.10');
    expect(ipv4String(bytes('00000000'), 0)).toBe('0.0.0.0');
    expect(ipv4String(bytes('ffffffff'), 0)).toBe('255.255.255.255');
  });
});

describe('ipv6String', () => {
  // Expected strings are Python's socket.inet_ntop(AF_INET6, ...) on glibc (Debian 12).
  it.each([
    ['20010db8000a00000000000000000010', '2001:db8:a::10'],
    ['ff0200000000000000000001ff000020', 'ff02::1:ff00:20'],
    ['00000000000000000000000000000000', '::'],
    ['00000000000000000000000000000001', '::1'],
    ['00000000000000000000ffffc000020a', '::ffff:192.0.2.10'],
    ['000000000000000000000000c000020a', '::192.0.2.10'],
    ['00000000000000000000ffff00000000', '::ffff:0.0.0.0'],
    ['00000000000000000000000000000102', '::102'],
    ['20010db8000000010000000000000001', '2001:db8:0:1::1'],
    ['20010db8000000000001000000000001', '2001:db8::1:0:0:1'],
    ['20010000000000000000000000000000', '2001::'],
    ['fe800000000000000000000000000000', 'fe80::'],
    ['00010002000300040005000600070008', '1:2:3:4:5:6:7:8'],
    ['00010000000300040005000600070008', '1:0:3:4:5:6:7:8'],
    ['0000000000000000000000010000ffff', '::1:0:ffff'],
    ['00000000000000000001ffffc000020a', '::1:ffff:c000:20a'],
  ])('%s is %s', (h, want) => {
    expect(ipv6String(bytes(`aa${h}`), 1)).toBe(want);
  });

  it('compresses the first longest zero run like the WHATWG serializer for non-IPv4 forms', () => {
    const word = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(word, { minLength: 8, maxLength: 8 }), (w) => {
        // glibc prints ::a.b.c.d when the zero run is exactly words 0-5, and ::ffff:a.b.c.d.
        const v4form = w.slice(0, 5).every((x) => x === 0) && (w[5] === 0xffff || (w[5] === 0 && w[6] !== 0));
        fc.pre(!v4form);
        const b = new Uint8Array(16);
        w.forEach((x, i) => {
          b[2 * i] = x >> 8;
          b[2 * i + 1] = x & 0xff;
        });
        const viaUrl = new URL(`http://[${w.map((x) => x.toString(16)).join(':')}]/`).hostname.slice(1, -1);
        expect(ipv6String(b, 0)).toBe(viaUrl);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('tok2str and hex', () => {
  it('look names up in maps and records, with a fallback', () => {
    expect(tok2str(new Map([[1, 'one']]), 'unknown', 1)).toBe('one');
    expect(tok2str(new Map([[1, 'one']]), 'unknown', 2)).toBe('unknown');
    expect(tok2str({ 6: 'TCP' }, '?', 6)).toBe('TCP');
    expect(tok2str({ 6: 'TCP' }, '?', 17)).toBe('?');
  });

  it('print zero-padded lower-case hex', () => {
    expect(hex(0x800, 4)).toBe('0x0800');
    expect(hex(0xabcdef, 2)).toBe('0xabcdef');
    expect(hex(0, 2)).toBe('0x00');
  });
});
