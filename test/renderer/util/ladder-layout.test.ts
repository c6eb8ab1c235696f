import { describe, expect, it } from 'vitest';
import type { LadderDto, LadderEventDto } from '../../../electron/shared/dto.js';
import { arrowKind, layoutLadder, stateClass } from '../../../renderer/src/util/ladder-layout.js';
import { ladderOf } from '../support/synthetic-capture.js';

const opts = { width: 900, mode: 'compact' as const, y: (v: number) => v, gap: 40, slope: 18, top: 80 };

describe('ladder layout', () => {
  const l = ladderOf(2, 100);
  const lay = layoutLadder(l, opts);

  it('one arrow per packet, client → server left to right, slanted', () => {
    expect(lay.arrows).toHaveLength(13);
    const [syn, synAck] = lay.arrows;
    expect(syn!.x1).toBe(lay.rails[0]);
    expect(syn!.x2).toBe(lay.rails[1]);
    expect(synAck!.x1).toBe(lay.rails[1]);
    expect(syn!.y2 - syn!.y1).toBe(18);
    expect(lay.arrows.map((a) => a.kind).slice(0, 4)).toEqual(['syn', 'syn', 'ack', 'data']);
    expect(lay.arrows.at(-1)!.kind).toBe('rst');
  });

  it("draws both sides' states: the sender changes where the arrow leaves, the receiver where it lands", () => {
    const client = lay.states.filter((s) => s.side === 0).map((s) => s.state);
    const server = lay.states.filter((s) => s.side === 1).map((s) => s.state);
    expect(client).toEqual(['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
    expect(server).toEqual(['LISTEN', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED']);
    // The server sends the SYN-ACK: its SYN_RCVD starts where that arrow leaves; the
    // client's LISTEN-side counterpart changes where arrows land on it.
    expect(lay.states.find((s) => s.side === 1 && s.state === 'SYN_RCVD')!.y1).toBe(lay.arrows[1]!.y1);
    expect(lay.states.find((s) => s.side === 1 && s.state === 'ESTABLISHED')!.y1).toBe(lay.arrows[2]!.y2);
    expect(lay.states.find((s) => s.side === 0 && s.state === 'ESTABLISHED')!.y1).toBe(lay.arrows[2]!.y1);
    expect(lay.states.find((s) => s.state === 'TIME_WAIT')!.y2).toBe(lay.height);
  });

  it('the handshake triangle carries the iRTT', () => {
    expect(lay.handshake?.text).toBe('iRTT 32 µs');
    expect(lay.handshake?.y1).toBe(lay.arrows[0]!.y1);
    expect(lay.handshake?.y2).toBe(lay.arrows[2]!.y1);
  });

  it('compact mode marks long pauses with how long they were', () => {
    expect(lay.breaks.map((b) => b.text)).toEqual(['100 ms later', '257 ms later']);
  });

  it('retransmission groups get their gaps and the doubling verdict', () => {
    const ev = (i: number, rel: number, gap?: number): LadderEventDto => ({ index: i, number: i + 1, time: { sec: 0, nsec: 0 }, rel, dir: 0, label: 'S', detail: 'seq 0, win 64240, len 0', analysis: i ? ['tcp.analysis.retransmission'] : [], clientState: 'SYN_SENT', serverState: '', explain: '', ghost: false, retransmitGroup: 1, ...(gap !== undefined ? { gap } : {}) });
    const syn: LadderDto = { ...l, events: [ev(0, 0), ev(1, 1.03, 1.03), ev(2, 3.05, 2.02), ev(3, 7.08, 4.03)], backoff: [{ group: 1, label: 'SYN', intervals: [1.03, 2.02, 4.03], doubles: true, deviation: 0.02 }], handshake: {} };
    const r = layoutLadder(syn, opts).retx;
    expect(r).toHaveLength(1);
    expect(r[0]!.gaps.map((g) => g.text)).toEqual(['+1.03 s', '+2.02 s', '+4.03 s']);
    expect(r[0]!.verdict).toBe('back-off 1.03 s → 2.02 s → 4.03 s · doubles each time ✓');
    expect(r[0]!.sentence).toBe('SYN');
    expect(layoutLadder(syn, opts).arrows[1]!.retransmission).toBe(true);
  });

  it('time mode places arrows by time through the zoom function', () => {
    const t = layoutLadder(l, { ...opts, mode: 'time', y: (rel) => 80 + rel * 1000 });
    expect(t.arrows[7]!.y1).toBeCloseTo(80 + (0.100663 - 0.00003) * 1000, 6);
    expect(t.breaks).toEqual([]);
  });

  it('non-TCP labels are messages', () => {
    expect(arrowKind({ ...l.events[0]!, label: 'who-has' })).toBe('other');
    expect(arrowKind({ ...l.events[0]!, label: 'DHCP Offer' })).toBe('other');
  });

  it('a side that passed through a state within one event shows it on its rail (CLOSING between FIN_WAIT_1 and TIME_WAIT)', () => {
    const evs = l.events.slice(0, 8).map((e) => ({ ...e }));
    evs[6] = { ...evs[6]!, clientState: 'FIN_WAIT_1', serverState: 'FIN_WAIT_1' };
    evs[7] = { ...evs[7]!, dir: 0, clientState: 'CLOSING', serverState: 'TIME_WAIT', serverVia: ['CLOSING'] };
    const lay = layoutLadder({ ...l, events: evs, total: evs.length }, opts);
    const server = lay.states.filter((x) => x.side === 1);
    expect(server.map((x) => x.state).slice(-3)).toEqual(['FIN_WAIT_1', 'CLOSING', 'TIME_WAIT']);
    const closing = server.at(-2)!;
    expect(closing.y1).toBe(lay.arrows[7]!.y2);
    expect(closing.y2 - closing.y1).toBeGreaterThanOrEqual(14);
    expect(server.at(-1)!.y1).toBe(closing.y2);
  });

  it("the far side's unknown state gets its own look", () => {
    expect(stateClass('unknown')).toBe('st-unknown');
    expect(stateClass('LISTEN')).toBe('st-closed');
  });

  it('time mode: labels, gutter texts and state labels that would collide are left out (the selected arrow keeps its label)', () => {
    // Packets microseconds apart at 1 px per ms: all arrows within a few pixels.
    const t = layoutLadder(l, { ...opts, mode: 'time', y: (rel) => 80 + rel * 1000, selected: l.events[4]!.index });
    const shown = t.arrows.filter((a) => a.label);
    for (let k = 1; k < shown.length; k++) expect(Math.abs(shown[k]!.y1 - shown[k - 1]!.y1)).toBeGreaterThanOrEqual(16);
    expect(t.arrows[4]!.label).toBe(true);
    // Left-out labels are counted on the label before them.
    const left = t.arrows.filter((a) => !a.label).length;
    expect(left).toBeGreaterThan(0);
    expect(t.arrows.reduce((n, a) => n + a.more, 0)).toBe(left);
    const gutter = t.arrows.filter((a) => a.gutter);
    for (let k = 1; k < gutter.length; k++) expect(Math.abs(gutter[k]!.y1 - gutter[k - 1]!.y1)).toBeGreaterThanOrEqual(13);
    for (const side of [0, 1]) {
      const st = t.states.filter((x) => x.side === side && x.label);
      for (let k = 1; k < st.length; k++) expect(st[k]!.y1 - st[k - 1]!.y1).toBeGreaterThanOrEqual(13);
    }
    // Compact mode has room for everything.
    const c = layoutLadder(l, opts);
    expect(c.arrows.every((a) => a.label && a.gutter)).toBe(true);
    expect(c.states.every((x) => x.label)).toBe(true);
  });

  it('the gutter is as wide as the time column needs', () => {
    expect(layoutLadder(l, { ...opts, gutter: 230 }).rails[0]).toBe(230 + 104);
    expect(layoutLadder(l, opts).rails[0]).toBe(118 + 104);
  });
});
