// The serve socket's framing: messages of both channels survive a round trip with their
// bytes intact (text frames without bytes, binary frames with them, Node Buffers included),
// and a frame that breaks the rules decodes to undefined, never to a wrong message.
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
