// Golden ladders: for every scenario, the flows table and every flow's ladder as text
// (test/fixtures/ladders/<scenario>.txt; regenerate on purpose with ACKLINE_UPDATE_GOLDEN=1).
// Long flows keep their first 40 and last 20 events.
//
// Reviewed line by line against the scenario's .notes.txt and tcpdump reference:
// - tcp-handshake-data-client-close: S / S. / . then 19 + 88 bytes, 4-segment close started
//   by the client: FIN_WAIT_1, server CLOSE_WAIT with its ACK, client FIN_WAIT_2, server
//   LAST_ACK with its FIN, client TIME_WAIT (the notes' `ss` shows 192.0.2.10:51200 in
//   TIME-WAIT), server CLOSED on the last ACK.
// - tcp-http-curl (+ -ipv6): same close, client TIME_WAIT as in the notes.
// - tcp-close-fin-piggyback: FIN, then FIN+ACK (server CLOSE_WAIT and LAST_ACK in one
//   segment, client straight to TIME_WAIT as the notes' `ss` shows), then the last ACK.
// - tcp-server-close: the roles swapped; no TIME_WAIT on the client (notes' `ss` is empty).
// - tcp-simultaneous-close: the server's FIN does not acknowledge the client's (ack 28), so
//   the FINs crossed: both FIN_WAIT_1; the client's ACK (seq 29, after its FIN) reaches the
//   server after that FIN: server CLOSING then TIME_WAIT; the server's ACK moves the client
//   CLOSING -> TIME_WAIT (RFC 9293 3.3.2).
// - tcp-rst-abort: RST from the client after the echo: both CLOSED, no TIME_WAIT (notes).
// - tcp-syn-closed-port-rst: SYN -> R. on port 81 for IPv4 and IPv6: refused, server CLOSED.
// - tcp-syn-retransmit-blackhole: SYN retried after 1.03, 2.02, 4.03, 8.19 s (notes: 1,2,4,8 s),
//   unanswered, doubling verdict; the far side never answers, so its state is unknown.
// - tcp-data-retransmit-rto: seq 20:67 sent 8 times, gaps 0.207 0.208 0.432 0.832 1.66 3.30
//   6.66 s (notes: ~0.2 ... 12.8 s back-off, the path returns at ~13 s); doubles from gap 2.
// - dhcp-dora-*: DISCOVER (udhcpc retries it), OFFER, REQUEST, ACK; dhclient's RELEASE is a
//   new xid (its own flow); udhcpc sent no RELEASE (README).
// - arp-request-reply: who-has/is-at pairs, a gratuitous ARP, 3 unanswered who-has 192.0.2.222.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowTable } from '../../../electron/engine/flows/flow-summary.js';
import type { Ladder } from '../../../electron/engine/flows/ladder-event.js';
import { buildLadder } from '../../../electron/engine/flows/ladder.js';
import { flowsText } from '../../../electron/cli/flows-text.js';
import { ladderText } from '../../../electron/cli/ladder-text.js';
import { capturePath, haveCaptures, repoRoot } from '../../support/captures.js';
import { indexCapture } from './index-capture.js';

const goldenDir = path.join(repoRoot, 'test/fixtures/ladders');
const update = process.env.ACKLINE_UPDATE_GOLDEN === '1';
const scenarios = haveCaptures ? readdirSync(capturePath('scenarios')).filter((f) => f.endsWith('.pcap')).map((f) => f.slice(0, -5)) : [];

function clip(l: Ladder): Ladder {
  if (l.events.length <= 80) return l;
  return { ...l, events: [...l.events.slice(0, 40), ...l.events.slice(-20)] };
}

function render(name: string): { text: string; ladders: Ladder[] } {
  const idx = indexCapture(`scenarios/${name}.pcap`);
  const ladders = idx.flows.flows.map((f) => buildLadder(idx, f.id)!);
  const parts = [flowsText(flowTable(idx))];
  for (const l of ladders) {
    const n = l.events.length;
    parts.push(ladderText(clip(l)) + (n > 80 ? `(${n} events; ${n - 60} between the first 40 and the last 20 are not shown)\n` : ''));
  }
  return { text: parts.join('\n'), ladders };
}

const cache = new Map<string, ReturnType<typeof render>>();
const get = (name: string): ReturnType<typeof render> => {
  let r = cache.get(name);
  if (!r) cache.set(name, (r = render(name)));
  return r;
};
const tcp = (name: string, k = 0): Ladder => get(name).ladders.filter((l) => l.kind === 'tcp')[k]!;
const states = (l: Ladder): string[] => l.events.map((e) => (e.states ? `${e.label} ${e.states.left}/${e.states.right}` : e.label));

describe.skipIf(!haveCaptures)('golden ladders', () => {
  it.each(scenarios)('%s', (name) => {
    const file = path.join(goldenDir, `${name}.txt`);
    const { text } = get(name);
    expect(text).not.toMatch(/[^\x09\x0a\x20-\x7e]/);
    if (update || !existsSync(file)) {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, text);
    }
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe.skipIf(!haveCaptures)('what a teacher would draw', () => {
  it('client close: FIN_WAIT_1, CLOSE_WAIT/FIN_WAIT_2, LAST_ACK/TIME_WAIT, CLOSED', () => {
    expect(states(tcp('tcp-handshake-data-client-close')).slice(-4)).toEqual([
      'F. FIN_WAIT_1/ESTABLISHED',
      '. FIN_WAIT_2/CLOSE_WAIT',
      'F. TIME_WAIT/LAST_ACK',
      '. TIME_WAIT/CLOSED',
    ]);
    expect(states(tcp('tcp-handshake-data-client-close')).slice(0, 3)).toEqual(['S SYN_SENT/LISTEN', 'S. ESTABLISHED/SYN_RCVD', '. ESTABLISHED/ESTABLISHED']);
  });
  it('piggyback close and server close', () => {
    expect(states(tcp('tcp-close-fin-piggyback')).slice(-3)).toEqual(['F. FIN_WAIT_1/ESTABLISHED', 'F. TIME_WAIT/LAST_ACK', '. TIME_WAIT/CLOSED']);
    expect(states(tcp('tcp-server-close')).slice(-4)).toEqual(['F. ESTABLISHED/FIN_WAIT_1', '. CLOSE_WAIT/FIN_WAIT_2', 'F. LAST_ACK/TIME_WAIT', '. CLOSED/TIME_WAIT']);
  });
  it('simultaneous close: both sides FIN_WAIT_1 -> CLOSING -> TIME_WAIT (RFC 9293 3.3.2), and it says the FINs crossed', () => {
    const l = tcp('tcp-simultaneous-close');
    expect(states(l).slice(-4)).toEqual(['F. FIN_WAIT_1/ESTABLISHED', 'F. FIN_WAIT_1/FIN_WAIT_1', '. CLOSING/TIME_WAIT', '. TIME_WAIT/TIME_WAIT']);
    // The client's ACK follows its own FIN: the server got that FIN (CLOSING), then the ACK of its own.
    expect(l.events.at(-2)!.via).toEqual({ right: ['CLOSING'] });
    expect(l.events.at(-2)!.changes).toEqual([
      'server: FIN_WAIT_1 -> CLOSING (received FIN (the FINs crossed))',
      'client: FIN_WAIT_1 -> CLOSING (received FIN)',
      'server: CLOSING -> TIME_WAIT (received ACK of its FIN)',
    ]);
    expect(l.events[l.events.length - 3]!.explanation).toMatch(/FINs cross/);
    expect(l.events.at(-1)!.explanation).toMatch(/leaves CLOSING for TIME_WAIT; both sides are now in TIME_WAIT/);
  });
  it('a SYN nobody answers: the far side stays unknown; an answer shows what it was (LISTEN, or CLOSED when refused)', () => {
    expect(states(tcp('tcp-syn-retransmit-blackhole'))).toEqual(Array(5).fill('S SYN_SENT/unknown'));
    expect(tcp('tcp-syn-retransmit-blackhole').summary).toContain('Outcome: unanswered; final states: client SYN_SENT, server unknown');
    expect(states(tcp('tcp-http-curl'))[0]).toBe('S SYN_SENT/LISTEN');
    expect(tcp('tcp-http-curl').events[1]!.changes).toContain('server: LISTEN -> SYN_RCVD (received SYN, sent SYN-ACK)');
  });
  it('events are compact objects whose strings are made when read; as JSON they are whole', () => {
    for (const l of [tcp('tcp-handshake-data-client-close'), get('icmp-ping').ladders.find((x) => x.kind === 'icmp')!]) {
      for (const e of l.events) {
        const j = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
        for (const k of ['kind', 'frame', 'index', 'time', 'rel', 'leftToRight', 'label', 'len', 'analysis', 'changes', 'explanation']) expect(j[k], `${e.frame} ${k}`).toEqual((e as unknown as Record<string, unknown>)[k]);
        expect(j['time']).toMatch(/^\d+\.\d{9}$/);
        expect(String(j['explanation'])).not.toBe('');
      }
    }
  });
  it('ICMP echo and ARP messages carry their real lengths (as tcpdump prints them), not 0', () => {
    const icmp = get('icmp-ping').ladders.find((l) => l.kind === 'icmp')!;
    expect(icmp.events.slice(0, 2).map((e) => [e.label, e.len])).toEqual([['echo request', 64], ['echo reply', 64]]);
    const v6 = get('icmpv6-ping6').ladders.find((l) => l.kind === 'icmpv6' && l.events[0]!.label === 'echo request')!;
    expect(v6.events[0]!.len).toBe(64);
    const arp = get('arp-request-reply').ladders.find((l) => l.kind === 'arp')!;
    expect(arp.events.slice(0, 2).map((e) => e.len)).toEqual([28, 28]);
  });
  it('refused and reset', () => {
    const r = tcp('tcp-syn-closed-port-rst');
    expect(r.outcome).toBe('refused');
    expect(r.events[1]!.explanation).toBe('Server refuses: no one is listening on port 81');
    expect(states(r)).toEqual(['S SYN_SENT/CLOSED', 'R. CLOSED/CLOSED']);
    expect(tcp('tcp-syn-closed-port-rst', 1).outcome).toBe('refused');
    expect(tcp('tcp-rst-abort').outcome).toBe('reset by client');
  });
  it('SYN back-off 1, 2, 4, 8 s doubles', () => {
    const l = tcp('tcp-syn-retransmit-blackhole');
    expect(l.outcome).toBe('unanswered');
    const b = l.backoff[0]!;
    expect(b.what).toBe('SYN');
    expect(b.sends).toBe(5);
    expect(b.verdict.intervals.map((x) => Math.round(x))).toEqual([1, 2, 4, 8]);
    expect(b.verdict.doubles).toBe(true);
    expect(l.events[3]!.explanation).toBe('Retransmission #3 of the SYN, 4.0 s after the previous try: the gap doubled');
  });
  it('RTO back-off 0.2 ... 6.6 s doubles after the first repeated gap', () => {
    const l = tcp('tcp-data-retransmit-rto');
    const b = l.backoff[0]!;
    expect(b.what).toBe('data');
    expect(b.sends).toBe(8);
    expect(b.verdict.intervals.map((x) => Number(x.toFixed(1)))).toEqual([0.2, 0.2, 0.4, 0.8, 1.7, 3.3, 6.7]);
    expect(b.verdict.doublingFrom).toBe(1);
    expect(b.verdict.maxDeviation).toBeLessThan(0.05);
    expect(l.outcome).toBe('complete');
  });
  it('handshake sentence names the SYN options', () => {
    expect(tcp('tcp-http-curl').events[0]!.explanation).toBe('Client asks to open a connection and offers MSS 1460, SACK, timestamps and window scale 10');
  });
  it('DHCP DORA', () => {
    const d = get('dhcp-dora-dhclient').ladders.find((l) => l.kind === 'dhcp')!;
    expect(d.events.map((e) => e.label)).toEqual(['DHCPDISCOVER', 'DHCPOFFER', 'DHCPREQUEST', 'DHCPACK']);
    const u = get('dhcp-dora-udhcpc').ladders.find((l) => l.kind === 'dhcp')!;
    expect(u.events.map((e) => e.label)).toEqual(['DHCPDISCOVER', 'DHCPDISCOVER', 'DHCPOFFER', 'DHCPOFFER', 'DHCPREQUEST', 'DHCPACK']);
    expect(get('dhcp-dora-dhclient').ladders.some((l) => l.kind === 'dhcp' && l.events[0]!.label === 'DHCPRELEASE')).toBe(true);
  });
  it('ARP who-has/is-at, gratuitous, unanswered retries', () => {
    const a = get('arp-request-reply').ladders.filter((l) => l.kind === 'arp');
    expect(a[0]!.events.slice(0, 2).map((e) => e.label)).toEqual(['who-has 192.0.2.20', '192.0.2.20 is-at']);
    expect(a.some((l) => l.events[0]!.label === 'gratuitous 192.0.2.20')).toBe(true);
    const lost = a.find((l) => l.right.address === '192.0.2.222')!;
    expect(lost.events).toHaveLength(3);
    expect(lost.summary[0]).toMatch(/no answer/);
  });
});
