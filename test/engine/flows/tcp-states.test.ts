// One test per RFC 9293 transition as the observer applies it (tcp-states.ts), plus the
// connection-level facts (who opened, outcome, completeness) on hand-made segment sequences.
import { describe, expect, it } from 'vitest';
import { TcpConnection, serverByPorts } from '../../../electron/engine/flows/tcp-connection.js';
import { ACK, FIN, RST, SYN, applySegment, newSide, type TcpState } from '../../../electron/engine/flows/tcp-states.js';

const P = 0x08;
type Seg = [dir: 0 | 1, flags: number, seq: number, ack: number, len?: number];

/** Runs segments through a connection; returns the states after each one. */
function run(segs: Seg[]): { c: TcpConnection; states: [TcpState, TcpState][] } {
  const c = new TcpConnection();
  const states: [TcpState, TcpState][] = [];
  segs.forEach(([dir, flags, seq, ack, len = 0], k) => {
    c.observe({ index: k, t: k * 0.01, dir, seq, ack, flags, len, window: 100, analysis: 0, sport: dir ? 80 : 40000, dport: dir ? 40000 : 80 });
    states.push(c.states);
  });
  return { c, states };
}

const OPEN: Seg[] = [
  [0, SYN, 100, 0],
  [1, SYN | ACK, 500, 101],
  [0, ACK, 101, 501],
];

describe('handshake', () => {
  it('CLOSED -> SYN_SENT on the SYN; the server is unknown until the capture shows it', () => {
    expect(run(OPEN.slice(0, 1)).states[0]).toEqual(['SYN_SENT', 'unknown']);
  });
  it('LISTEN -> SYN_RCVD on the SYN-ACK (which proves it listened), and the client SYN_SENT -> ESTABLISHED on receiving it', () => {
    const c = new TcpConnection();
    c.observe({ index: 0, t: 0, dir: 0, seq: 100, ack: 0, flags: SYN, len: 0, window: 100, analysis: 0, sport: 40000, dport: 80 });
    const step = c.observe({ index: 1, t: 0.01, dir: 1, seq: 500, ack: 101, flags: SYN | ACK, len: 0, window: 100, analysis: 0, sport: 80, dport: 40000 });
    expect(c.states).toEqual(['ESTABLISHED', 'SYN_RCVD']);
    expect(step.changes).toContainEqual(expect.objectContaining({ side: 1, from: 'LISTEN', to: 'SYN_RCVD' }));
  });
  it('SYN_RCVD -> ESTABLISHED on the ACK of its SYN; iRTT = SYN->SYN-ACK + SYN-ACK->ACK', () => {
    const { c, states } = run(OPEN);
    expect(states[2]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    expect(c.client).toBe(0);
    expect(c.clientBasis).toBe('handshake');
    expect(c.handshakeRtt.total).toBeCloseTo(0.02, 9);
    expect(c.completeness).toBe(1 | 2 | 4);
    expect(c.outcome).toBe('open');
  });
  it('a SYN-ACK seen first: the client is the other side, the capture started after its SYN', () => {
    const { c, states } = run([[0, SYN | ACK, 500, 101], [1, ACK, 101, 501]]);
    expect(c.client).toBe(1);
    expect(c.startedBeforeCapture).toBe(true);
    expect(states[1]).toEqual(['ESTABLISHED', 'ESTABLISHED']);
  });
  it('simultaneous open: SYN_SENT -> SYN_RCVD when a side answers a SYN with SYN-ACK', () => {
    const sides: [ReturnType<typeof newSide>, ReturnType<typeof newSide>] = [newSide('SYN_SENT'), newSide('SYN_SENT')];
    const ch = applySegment(sides, { dir: 1, seq: 500, ack: 101, flags: SYN | ACK, len: 0 });
    expect(ch[0]).toMatchObject({ side: 1, from: 'SYN_SENT', to: 'SYN_RCVD' });
  });
  it('unanswered SYN retries: SYN_SENT stays, outcome unanswered, resends grouped', () => {
    const { c, states } = run([[0, SYN, 7, 0], [0, SYN, 7, 0], [0, SYN, 7, 0]]);
    expect(states[2]).toEqual(['SYN_SENT', 'unknown']);
    expect(c.outcome).toBe('unanswered');
    expect(c.backoff.groups[0]!.sends).toBe(3);
  });
  it('refused: RST,ACK to a SYN closes both and the outcome is refused', () => {
    const { c, states } = run([[0, SYN, 7, 0], [1, RST | ACK, 0, 8]]);
    expect(states[1]).toEqual(['CLOSED', 'CLOSED']);
    expect(c.outcome).toBe('refused');
    expect(c.completeness).toBe(1 | 32);
  });
  it('handshake incomplete: SYN, SYN-ACK and nothing more', () => {
    expect(run(OPEN.slice(0, 2)).c.outcome).toBe('handshake-incomplete');
  });
});

describe('close', () => {
  const DATA: Seg[] = [...OPEN, [0, P | ACK, 101, 501, 10], [1, ACK, 501, 111]];
  it('active close: ESTABLISHED -> FIN_WAIT_1 on sending FIN', () => {
    expect(run([...DATA, [0, FIN | ACK, 111, 501]]).states[5]).toEqual(['FIN_WAIT_1', 'ESTABLISHED']);
  });
  it('ESTABLISHED -> CLOSE_WAIT when its ACK covers the FIN; FIN_WAIT_1 -> FIN_WAIT_2 on that ACK', () => {
    expect(run([...DATA, [0, FIN | ACK, 111, 501], [1, ACK, 501, 112]]).states[6]).toEqual(['FIN_WAIT_2', 'CLOSE_WAIT']);
  });
  it('CLOSE_WAIT -> LAST_ACK on its FIN; FIN_WAIT_2 -> TIME_WAIT on receiving it; LAST_ACK -> CLOSED on the last ACK', () => {
    const { c, states } = run([...DATA, [0, FIN | ACK, 111, 501], [1, ACK, 501, 112], [1, FIN | ACK, 501, 112], [0, ACK, 112, 502]]);
    expect(states[7]).toEqual(['TIME_WAIT', 'LAST_ACK']);
    expect(states[8]).toEqual(['TIME_WAIT', 'CLOSED']);
    expect(c.outcome).toBe('complete');
    expect(c.completeness).toBe(31);
  });
  it('FIN+ACK piggyback: CLOSE_WAIT and LAST_ACK in one segment; the closer goes FIN_WAIT_1 -> TIME_WAIT', () => {
    const { states, c } = run([...DATA, [0, FIN | ACK, 111, 501], [1, FIN | ACK, 501, 112], [0, ACK, 112, 502]]);
    expect(states[6]).toEqual(['TIME_WAIT', 'LAST_ACK']);
    expect(states[7]).toEqual(['TIME_WAIT', 'CLOSED']);
    expect(c.outcome).toBe('complete');
  });
  it('simultaneous close: crossing FINs, FIN_WAIT_1 -> CLOSING -> TIME_WAIT on both sides (RFC 9293 3.3.2, 3.10.7.4)', () => {
    const c = new TcpConnection();
    const segs: Seg[] = [...DATA, [0, FIN | ACK, 111, 501], [1, FIN | ACK, 501, 111], [0, ACK, 112, 502], [1, ACK, 502, 112]];
    const steps = segs.map(([dir, flags, seq, ack, len = 0], k) => ({
      step: c.observe({ index: k, t: k * 0.01, dir, seq, ack, flags, len, window: 100, analysis: 0, sport: dir ? 80 : 40000, dport: dir ? 40000 : 80 }),
      states: c.states,
    }));
    expect(steps[6]!.states).toEqual(['FIN_WAIT_1', 'FIN_WAIT_1']);
    // The client's ACK of the server's FIN comes after the client's own FIN in its byte
    // stream: the server has received that FIN first (CLOSING), then the ACK (TIME_WAIT).
    expect(steps[7]!.states).toEqual(['CLOSING', 'TIME_WAIT']);
    expect(steps[7]!.step.changes.filter((ch) => ch.side === 1).map((ch) => `${ch.from}>${ch.to}`)).toEqual(['FIN_WAIT_1>CLOSING', 'CLOSING>TIME_WAIT']);
    expect(steps[8]!.states).toEqual(['TIME_WAIT', 'TIME_WAIT']);
    expect(steps[8]!.step.changes.map((ch) => `${ch.side}:${ch.from}>${ch.to}`)).toEqual(['0:CLOSING>TIME_WAIT']);
    expect(c.outcome).toBe('complete');
  });
  it('crossing FINs acknowledged the other way round: the server\'s ACK follows its FIN, so the client got that FIN first', () => {
    const { states } = run([...DATA, [0, FIN | ACK, 111, 501], [1, FIN | ACK, 501, 111], [1, ACK, 502, 112], [0, ACK, 112, 502]]);
    expect(states[7]).toEqual(['TIME_WAIT', 'CLOSING']);
    expect(states[8]).toEqual(['TIME_WAIT', 'TIME_WAIT']);
  });
  it('server closes first: the roles swap', () => {
    const { states } = run([...DATA, [1, FIN | ACK, 501, 111], [0, ACK, 111, 502], [0, FIN | ACK, 111, 502], [1, ACK, 502, 112]]);
    expect(states[5]).toEqual(['ESTABLISHED', 'FIN_WAIT_1']);
    expect(states[6]).toEqual(['CLOSE_WAIT', 'FIN_WAIT_2']);
    expect(states[7]).toEqual(['LAST_ACK', 'TIME_WAIT']);
    expect(states[8]).toEqual(['CLOSED', 'TIME_WAIT']);
  });
  it('half-closed: one FIN acknowledged, the other side still open', () => {
    expect(run([...DATA, [0, FIN | ACK, 111, 501], [1, ACK, 501, 112]]).c.outcome).toBe('half-closed');
  });
  it('abort: RST from an established side closes both, reset by that side', () => {
    const { c, states } = run([...DATA, [0, RST | ACK, 111, 501]]);
    expect(states[5]).toEqual(['CLOSED', 'CLOSED']);
    expect(c.outcome).toBe('reset');
    expect(c.resetBy).toBe(0);
  });
});

describe('mid-connection start', () => {
  it('both ESTABLISHED, client from the ports (well-known, then ephemeral, then lower)', () => {
    const c = new TcpConnection();
    c.observe({ index: 0, t: 0, dir: 0, seq: 5, ack: 9, flags: ACK, len: 100, window: 1, analysis: 0, sport: 80, dport: 51000 });
    expect(c.states).toEqual(['ESTABLISHED', 'ESTABLISHED']);
    expect(c.client).toBe(1);
    expect(c.startedBeforeCapture).toBe(true);
    expect(serverByPorts(443, 50000)).toBe(true);
    expect(serverByPorts(50000, 8080)).toBe(false);
    // Both in the ephemeral range: the lower port is taken as the service.
    expect(serverByPorts(40000, 47001)).toBe(true);
  });
});
