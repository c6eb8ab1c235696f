// The serve socket's framing: messages of both channels survive a round trip with their
// bytes intact (text frames without bytes, binary frames with them, Node Buffers included),
// and a frame that breaks the rules decodes to undefined, never to a wrong message: lengths
// that lie or overflow, byte references out of range or of the wrong type, nesting deep
// enough to exhaust the stack, keys that would pollute prototypes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, encodeFrame } from '../../electron/shared/ws-framing.js';

describe('ws-framing', () => {
  it('sends messages without bytes as readable JSON text', () => {
    const msg = { t: 'req', id: 7, m: 'rows', p: { start: 0, count: 50 } };
    const f = encodeFrame('engine', msg);
    expect(typeof f).toBe('string');
    expect(JSON.parse(f as string)).toEqual({ c: 'engine', m: msg });
    expect(decodeFrame(f)).toEqual({ channel: 'engine', message: msg });
  });

  it('carries Uint8Array fields as bytes, at any depth, and Node Buffers too', () => {
    const bytes = new Uint8Array([0, 1, 2, 255, 128, 10]);
    const msg = { t: 'res', id: 1, ok: true, r: { index: 3, bytes, nested: [{ b: Buffer.from('hi') }, new Uint8Array(0)] } };
    const f = encodeFrame('session', msg);
    expect(f).toBeInstanceOf(Uint8Array);
    const back = decodeFrame(f);
    expect(back?.channel).toBe('session');
    const r = (back?.message as { r: { bytes: Uint8Array; nested: [{ b: Uint8Array }, Uint8Array] } }).r;
    expect(r.bytes).toBeInstanceOf(Uint8Array);
    expect([...r.bytes]).toEqual([...bytes]);
    expect(new TextDecoder().decode(r.nested[0].b)).toBe('hi');
    expect(r.nested[1]).toEqual(new Uint8Array(0));
    // From an ArrayBuffer (what a browser socket hands over) as well.
    const ab = (f as Uint8Array).slice().buffer;
    expect(decodeFrame(ab)).toEqual(back);
  });

  it('refuses to encode the reserved key rather than corrupt it', () => {
    expect(() => encodeFrame('engine', { $bin: 1 })).toThrow(/reserved/);
  });

  it('decodes broken frames to undefined', () => {
    const good = encodeFrame('engine', { b: new Uint8Array([1, 2, 3]) }) as Uint8Array;
    expect(decodeFrame('not json')).toBeUndefined();
    expect(decodeFrame('{"c":"other","m":1}')).toBeUndefined();
    expect(decodeFrame('{"c":"engine","m":{"$bin":0}}')).toBeUndefined(); // text frames carry no bytes
    const wrongChannel = good.slice();
    wrongChannel[1] = 0;
    expect(decodeFrame(wrongChannel)).toBeUndefined();
    const badVersion = good.slice();
    badVersion[0] = 9;
    expect(decodeFrame(badVersion)).toBeUndefined();
    const extra = new Uint8Array(good.length + 1);
    extra.set(good);
    expect(decodeFrame(extra)).toBeUndefined();
    for (let n = 0; n < good.length; n++) expect(decodeFrame(good.subarray(0, n))).toBeUndefined();
  });

  /** A binary frame by hand: header fields as given, whatever the rest says. */
  function handmade(o: { version?: number; channel?: number; n: number; textLen: number; lens?: number[]; text?: string; tail?: number }): Uint8Array {
    const text = new TextEncoder().encode(o.text ?? '');
    const lens = o.lens ?? [];
    const out = new Uint8Array(10 + 4 * lens.length + text.length + (o.tail ?? 0));
    const v = new DataView(out.buffer);
    out[0] = o.version ?? 1;
    out[1] = o.channel ?? 1;
    v.setUint32(2, o.n, true);
    v.setUint32(6, o.textLen, true);
    lens.forEach((l, k) => v.setUint32(10 + 4 * k, l, true));
    out.set(text, 10 + 4 * lens.length);
    return out;
  }

  it('lengths that lie, overflow or run past the end decode to undefined', () => {
    const json = '{"c":"engine","m":{"b":{"$bin":0}}}';
    const t = new TextEncoder().encode(json).length;
    // The honest frame decodes, so each lie below is what makes the difference.
    expect(decodeFrame(handmade({ n: 1, textLen: t, lens: [3], text: json, tail: 3 }))?.message).toEqual({ b: new Uint8Array(3) });
    for (const f of [
      handmade({ n: 0xffffffff, textLen: t, lens: [3], text: json, tail: 3 }),
      handmade({ n: 1, textLen: 0xffffffff, lens: [3], text: json, tail: 3 }),
      handmade({ n: 1, textLen: t, lens: [0xffffffff], text: json, tail: 3 }),
      handmade({ n: 1, textLen: t, lens: [4], text: json, tail: 3 }),
      handmade({ n: 1, textLen: t + 1, lens: [3], text: json, tail: 3 }),
      handmade({ n: 1, textLen: t - 1, lens: [3], text: json, tail: 3 }),
      handmade({ n: 2, textLen: t, lens: [3, 0xfffffffd], text: json, tail: 3 }),
      handmade({ n: 1, textLen: t, lens: [3], text: json, tail: 3, channel: 7 }),
      handmade({ n: 0, textLen: 0 }),
    ])
      expect(decodeFrame(f)).toBeUndefined();
  });

  it('a byte reference that is not a whole index in range decodes to undefined', () => {
    const withRef = (ref: string): Uint8Array => {
      const json = `{"c":"engine","m":{"b":{"$bin":${ref}}}}`;
      return handmade({ n: 1, textLen: new TextEncoder().encode(json).length, lens: [2], text: json, tail: 2 });
    };
    for (const ref of ['-1', '1', '0.5', '"0"', '1e308', 'null', '[0]', '{"$bin":0}', 'true']) expect(decodeFrame(withRef(ref)), ref).toBeUndefined();
    expect(decodeFrame(withRef('0'))).toBeDefined();
    const extraKey = '{"c":"engine","m":{"b":{"$bin":0,"x":1}}}';
    expect(decodeFrame(handmade({ n: 1, textLen: extraKey.length, lens: [0], text: extraKey }))).toBeUndefined();
  });

  it('JSON text that is not UTF-8, or not JSON, decodes to undefined', () => {
    const bad = handmade({ n: 0, textLen: 4, tail: 4 });
    bad.set([0x7b, 0xff, 0xfe, 0x7d], 10);
    expect(decodeFrame(bad)).toBeUndefined();
    for (const text of ['', 'null', '[]', '"x"', '{"c":"engine"', '{"c":"__proto__","m":1}', '{"c":"constructor","m":1}'])
      expect(decodeFrame(handmade({ n: 0, textLen: new TextEncoder().encode(text).length, text })), text).toBeUndefined();
  });

  it('nesting deep enough to exhaust the stack never throws', () => {
    for (const depth of [20_000, 200_000, 1_000_000]) {
      const text = '{"c":"engine","m":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
      expect(() => decodeFrame(text)).not.toThrow();
    }
  });

  it('a "__proto__" key stays data: nothing leaks into Object.prototype', () => {
    const f = decodeFrame('{"c":"session","m":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}}}}');
    expect(f).toBeDefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(f!.message)).toBe(Object.prototype);
  });

  it('flipped bytes in a valid binary frame never throw, and never yield another channel', () => {
    const good = encodeFrame('engine', { t: 'req', id: 3, m: 'packet', p: { bytes: new Uint8Array([1, 2, 3, 4]), more: [new Uint8Array(0), 'x'] } }) as Uint8Array;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        const f = good.slice();
        for (const [at, b] of edits) f[at] = b;
        const back = decodeFrame(f);
        if (back) expect(back.channel).toBe(f[1] === 0 ? 'session' : 'engine');
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips arbitrary messages and never throws on arbitrary bytes', () => {
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.uint8Array({ maxLength: 64 }), fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string().filter((k) => k !== '$bin' && k !== '__proto__'), tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(fc.constantFrom('session' as const, 'engine' as const), value, (c, m) => {
        const back = decodeFrame(encodeFrame(c, m));
        expect(back).toEqual({ channel: c, message: m });
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => void decodeFrame(b)), { numRuns: 500 });
  });
});
