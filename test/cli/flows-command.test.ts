// `ackline flows`, `ackline ladder` and `ackline read --jsonl` (flow id, tcp.analysis names)
// through main() with an in-memory CliIo.
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures } from '../support/captures.js';
import { runCli as run } from './run-cli.js';

const rto = capturePath('scenarios/tcp-data-retransmit-rto.pcap');

describe.skipIf(!haveCaptures)('ackline flows / ladder', () => {
  it('flows prints the table', async () => {
    const r = await run(['flows', rto]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^id\s+kind\s+endpoint A\s+endpoint B\s+A->B\s+bytes\s+B->A\s+bytes\s+start\s+duration\s+iRTT\s+outcome\s+problems$/);
    expect(r.out).toMatch(/ 2 {2}tcp {3}192\.0\.2\.10:45086 {2}192\.0\.2\.20:47001 {4}15 {3}1393 {5}5 {4}404 {2}0\.000052 {3}13\.3465 {2}0\.000031 {2}complete {2}retrans 7/);
  });
  it('flows --json gives rows with iRTT, outcome, states, problems', async () => {
    const r = await run(['flows', rto, '--json']);
    const rows = JSON.parse(r.out) as { kind: string; outcome?: string; states?: unknown; irtt?: { total: number }; problems?: { retransmissions: number } }[];
    const t = rows.find((x) => x.kind === 'tcp')!;
    expect(t.outcome).toBe('complete');
    expect(t.states).toEqual({ a: 'TIME_WAIT', b: 'CLOSED' });
    expect(t.irtt!.total).toBeCloseTo(0.000031, 9);
    expect(t.problems!.retransmissions).toBe(7);
  });
  it('ladder prints the two-lane ladder with states and sentences', async () => {
    const r = await run(['ladder', rto, '--flow', '2']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Flow 2 (tcp): client 192.0.2.10:45086 <-> server 192.0.2.20:47001');
    expect(r.out).toMatch(/ {5}3 {4}\+0\.000000 SYN_SENT {5}\|--- S seq 0 win 64240 -+>\|/);
    expect(r.out).toContain('Retransmission #3 of the client\'s data (seq 20:67), 432 ms after the previous try: the gap doubled');
  });
  it('ladder --json', async () => {
    const l = JSON.parse((await run(['ladder', rto, '--flow=2', '--json'])).out) as { events: { label: string; states?: { left: string; right: string } }[] };
    expect(l.events[0]).toMatchObject({ label: 'S', states: { left: 'SYN_SENT', right: 'LISTEN' } });
  });
  it('usage errors', async () => {
    expect((await run(['ladder', rto])).code).toBe(2);
    expect((await run(['ladder', rto, '--flow', '99'])).err).toMatch(/no flow 99/);
    expect((await run(['flows'])).code).toBe(2);
  });
  it('a damaged file prints what was read, then the error', async () => {
    const r = await run(['flows', capturePath('malformed/derived/pcap-trailing-garbage.pcap')]);
    expect(r.out).toMatch(/^id/);
    expect([0, 1]).toContain(r.code);
  });
});

describe.skipIf(!haveCaptures)('ackline read --jsonl', () => {
  it('adds flow and analysis to each packet', async () => {
    const r = await run(['read', rto, '--jsonl']);
    const pkts = r.out.trim().split('\n').map((l) => JSON.parse(l) as { number: number; flow: number; analysis: string[] });
    expect(pkts[0]).toMatchObject({ number: 1, flow: 1, analysis: [] });
    expect(pkts[10]).toMatchObject({ number: 11, flow: 2, analysis: ['tcp.analysis.retransmission'] });
  });
});
