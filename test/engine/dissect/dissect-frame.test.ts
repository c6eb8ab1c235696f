// The dissector driver (dissect/dissect-frame.ts, dissect-context.ts): it never throws. A read
// past the capture ends the line with tcpdump's ` [|proto]` and a note; any other failure of a
// dissector becomes a malformed-packet expert and the next frame is dissected as usual. Also the
// frame subtree, unsupported link types, state across frames, and random and fuzzed input.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Truncated } from '../../../electron/engine/bytes/truncated.js';
import { FrameDissector } from '../../../electron/engine/dissect/dissect-frame.js';
import type { Dissector } from '../../../electron/engine/dissect/dissector.js';
import { DEFAULT_PRINT_OPTIONS } from '../../../electron/engine/dissect/print-options.js';
import { Registry } from '../../../electron/engine/dissect/registry.js';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { capturePath, haveCaptures, readCapture } from '../../support/captures.js';
import { REGISTRY, expectSound, expectTreeWithin, hex, walk } from '../protocols/link-transport.support.js';
import { CONVERSATION, CONVERSATION_LINES, GET, SYN } from '../protocols/tcp-conversation.support.js';

/** A link-layer dissector that prints, opens a subtree, then fails the way `fail` says. */
function failing(fail: () => never): Dissector {
  return {
    name: 'boom',
    dissect(ctx, offset) {
      ctx.print('before ');
      ctx.tree?.open('boom', 'Boom', offset, 2);
      ctx.tree?.open('boom.inner', 'Inner', offset, 1);
      ctx.frame.u8(offset);
      fail();
    },
  };
}

function withLink(d: Dissector): FrameDissector {
  return new FrameDissector(new Registry().register('linktype', 1, d), DEFAULT_PRINT_OPTIONS);
}

describe('the driver never throws', () => {
  it('turns an exception into a malformed-packet expert and keeps what was printed', () => {
    for (const thrown of [new Error('bad index'), 'a string', undefined, { weird: true }]) {
      const fd = withLink(failing(() => { throw thrown; }));
      const r = fd.dissect(hex('0102030405'), 5, { number: 1, linktype: 1 }, true);
      expect(r.line).toBe('before ');
      expect(r.facts.malformed).toBe(true);
      expect(r.experts).toHaveLength(1);
      expect(r.experts[0]!.severity).toBe('error');
      expect(r.experts[0]!.message).toMatch(/^\[Malformed Packet: boom\] dissector error: /);
      // The open subtrees are closed: the expert is a top-level node after the frame and boom nodes.
      expect(r.tree!.map((n) => n.field)).toEqual(['frame', 'boom', '_ws.expert']);
    }
  });

  it('turns a read past the capture into [|proto] and a capture note inside the captured bytes', () => {
    const fd = withLink(failing(() => { throw new Truncated(40); }));
    const r = fd.dissect(hex('0102030405'), 60, { number: 1, linktype: 1 }, true);
    expect(r.line).toBe('before  [|boom]');
    expect([r.facts.truncated, r.facts.malformed]).toEqual([true, false]);
    expect(r.experts).toEqual([{ severity: 'note', group: 'capture', message: '[Packet size limited during capture: boom truncated]' }]);
    const note = r.tree!.at(-1)!;
    expect([note.field, note.offset, note.length]).toEqual(['_ws.expert', 5, 0]);
  });

  it('goes on with the next frame after a failure, with fresh facts and experts', () => {
    let calls = 0;
    const flaky: Dissector = {
      name: 'flaky',
      dissect(ctx) {
        calls++;
        ctx.print(`frame ${calls}`);
        if (calls === 1) throw new Error('first one fails');
        ctx.facts.protocol = 'OK';
      },
    };
    const fd = withLink(flaky);
    const a = fd.dissect(hex('00'), 1, { number: 1, linktype: 1 });
    const b = fd.dissect(hex('00'), 1, { number: 2, linktype: 1 });
    expect([a.line, a.facts.malformed, a.experts.length]).toEqual(['frame 1', true, 1]);
    expect([b.line, b.facts.malformed, b.experts.length, b.facts.protocol]).toEqual(['frame 2', false, 0, 'OK']);
    // The first result is not changed by the second frame.
    expect([a.line, a.facts.protocol]).toEqual(['frame 1', '']);
  });

  it('prints UNSUPPORTED and the bytes for a link type without a dissector', () => {
    const fd = new FrameDissector(createRegistry(), DEFAULT_PRINT_OPTIONS);
    const r = fd.dissect(hex('00112233445566778899aabbccddeeff10'), 17, { number: 1, linktype: 147 }, true);
    expect(r.line).toBe('UNSUPPORTED\n\t0x0000:  0011 2233 4455 6677 8899 aabb ccdd eeff  ..\"3DUfw........\n\t0x0010:  10                                       .');
    expect(r.facts.protocol).toBe('LINKTYPE 147');
    expect(r.tree!.map((n) => n.field)).toEqual(['frame']);
    const e = new FrameDissector(createRegistry(), { ...DEFAULT_PRINT_OPTIONS, eflag: true });
    expect(e.dissect(hex('0011'), 2, { number: 1, linktype: 147 }).line).toBe('UNSUPPORTED');
  });
});

describe('the frame subtree', () => {
  it('has the number and both lengths, Wireshark-style', () => {
    const fd = new FrameDissector(REGISTRY, DEFAULT_PRINT_OPTIONS);
    const r = fd.dissect(SYN.subarray(0, 60), 74, { number: 42, linktype: 1 }, true);
    const frame = r.tree![0]!;
    expect([frame.field, frame.offset, frame.length]).toEqual(['frame', 0, 60]);
    expect(frame.label).toBe('Frame 42: 74 bytes on wire (592 bits), 60 bytes captured (480 bits)');
    expect(frame.children!.map((n) => [n.field, n.value])).toEqual([
      ['frame.number', 42],
      ['frame.len', 74],
      ['frame.cap_len', 60],
    ]);
    expect(fd.dissect(SYN, 74, { number: 1, linktype: 1 }, false).tree).toBeNull();
  });
});

describe('state across frames', () => {
  it('keeps tcpdump\'s relative sequence numbers until resetState', () => {
    const fd = new FrameDissector(REGISTRY, DEFAULT_PRINT_OPTIONS);
    expect(CONVERSATION.map((f, i) => fd.dissect(f, f.length, { number: i + 1, linktype: 1 }).line)).toEqual(CONVERSATION_LINES);
    expect(fd.dissect(GET, GET.length, { number: 11, linktype: 1 }).line).toBe(CONVERSATION_LINES[3]);
    fd.resetState();
    expect(fd.dissect(GET, GET.length, { number: 1, linktype: 1 }).line).toContain('seq 2752494995:2752495079, ack 539270939');
  });

  it('gives the same line with and without a tree, frame after frame', () => {
    const plain = new FrameDissector(REGISTRY, DEFAULT_PRINT_OPTIONS);
    const full = new FrameDissector(REGISTRY, DEFAULT_PRINT_OPTIONS);
    CONVERSATION.forEach((f, i) => {
      expect(full.dissect(f, f.length, { number: i + 1, linktype: 1 }, true).line).toBe(plain.dissect(f, f.length, { number: i + 1, linktype: 1 }).line);
    });
  });
});

describe('random bytes on every link type', () => {
  const linktypes = [0, 1, 12, 14, 101, 108, 113, 228, 229, 276, 147];
  it('never throw, whatever the bytes, lengths and options', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...linktypes),
        fc.uint8Array({ maxLength: 160 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.record({ verbose: fc.integer({ min: 0, max: 3 }), eflag: fc.boolean(), qflag: fc.boolean(), absoluteSeq: fc.boolean() }),
        (linktype, data, extra, print) => {
          expectSound(data, { linktype, wirelen: data.length + extra, ...print });
        },
      ),
      { numRuns: 1500 },
    );
  });
});

describe.skipIf(!haveCaptures)('fuzzed captures of the corpus', () => {
  const files = haveCaptures ? readdirSync(capturePath('malformed/fuzzed')).filter((f) => f.endsWith('.pcap')) : [];
  it.each(files)('%s: no dissector error, trees inside the captured bytes', (file) => {
    const linktypes = new Map<number, number>();
    const frames: { data: Uint8Array; wirelen: number; linktype: number }[] = [];
    readCaptureBytes(readCapture(`malformed/fuzzed/${file}`), {
      onInterface: (i) => linktypes.set(i.id, i.linktype),
      onPacket: (rec, data) => {
        if (frames.length < 400) frames.push({ data: new Uint8Array(data), wirelen: rec.wirelen, linktype: linktypes.get(rec.interfaceId) ?? -1 });
      },
    });
    expect(frames.length).toBeGreaterThan(0);
    for (const verbose of [0, 2]) {
      const fd = new FrameDissector(REGISTRY, { ...DEFAULT_PRINT_OPTIONS, verbose });
      frames.forEach((f, i) => {
        const r = fd.dissect(f.data, f.wirelen, { number: i + 1, linktype: f.linktype }, true);
        expect(r.experts.filter((e) => e.message.includes('dissector error')), `${file} #${i + 1}`).toEqual([]);
        expectTreeWithin(r.tree ?? [], f.data.length, `${file} #${i + 1}`);
        for (const n of walk(r.tree ?? [])) expect(n.offset).toBeGreaterThanOrEqual(0);
      });
    }
  });
});
