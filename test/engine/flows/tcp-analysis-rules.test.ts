// One test per TCP analysis definition (Wireshark User's Guide, "TCP Analysis"), on
// hand-built segment sequences. Every expectation is what tshark 4.0.17 printed for the same
// segments written to a pcap (same times, numbers, windows and options), so the cases also
// pin the places where 4.0's code differs from the Guide's prose or from later versions.
import { describe, expect, it } from 'vitest';
import { TcpAnalyzer } from '../../../electron/engine/flows/tcp-analyzer.js';
import { flaggedFrames, runSegments } from '../../support/analysis-segments.js';

const HANDSHAKE = `
0.000 A S 1000 0 1000 0
0.001 B SA 5000 1001 1000 0
0.002 A A 1001 5001 1000 0`;

describe('TCP analysis rules (checked against tshark 4.0.17)', () => {
  it('zero window, zero window probe, zero window probe ACK, window update, window full', () => {
    const r = runSegments(`
0.000 A S 1000 0 65535 0 ws=2
0.001 B SA 5000 1001 65535 0 ws=3
0.002 A A 1001 5001 100 0
0.003 A A 1001 5001 100 200
0.004 B A 5001 1201 25 0       # window 25 << 3 = 200
0.005 A A 1201 5001 100 200    # 6: fills it exactly: window full
0.006 B A 5001 1401 0 0        # 7: zero window
0.106 A A 1401 5001 100 1      # 8: one byte at the next sequence number: probe
0.107 B A 5001 1401 0 0        # 9: same ACK, still zero: probe ACK (and zero window)
0.300 A A 1401 5001 100 1      # 10: probe again (a probe does not move nextseq)
0.301 B A 5001 1401 0 0
0.500 B A 5001 1401 50 0       # 12: same SEQ/ACK, new window: window update
0.501 B A 5001 1401 60 0       # 13: again`);
    expect(flaggedFrames(r)).toEqual({
      6: ['window_full'],
      7: ['zero_window'],
      8: ['zero_window_probe'],
      9: ['zero_window', 'zero_window_probe_ack'],
      10: ['zero_window_probe'],
      11: ['zero_window', 'zero_window_probe_ack'],
      12: ['window_update'],
      13: ['window_update'],
    });
  });

  it('window full uses the unscaled window until the peer sends a pure ACK after its SYN (issue 14690)', () => {
    const r = runSegments(`
0.000 A S 1000 0 65535 0 ws=7
0.001 B SA 5000 1001 1000 0 ws=7
0.002 A A 1001 5001 500 0
0.003 A A 1001 5001 500 1000   # 4: 1001 + 1000 (the SYN-ACK's window, not scaled)
0.004 B A 5001 2001 8 0        # B's first pure ACK: 8 << 7 = 1024 from now on
0.005 A A 2001 5001 500 1024   # 6`);
    expect(flaggedFrames(r)).toEqual({ 4: ['window_full'], 6: ['window_full'] });
  });

  it('keep-alive (0 or 1 byte one before the next sequence number) and keep-alive ACK', () => {
    const r = runSegments(`${HANDSHAKE}
0.600 A A 1001 5001 1000 100
0.700 B A 5001 1101 1000 0
1.700 A A 1100 5001 1000 0     # 6: keep-alive without data
1.701 B A 5001 1101 1000 0     # 7: its ACK
2.700 A A 1100 5001 1000 1     # 8: keep-alive with one byte (not a retransmission)
2.701 B A 5001 1101 1000 0     # 9
2.702 B A 5001 1101 1000 0     # 10: A's last segment is still the keep-alive`);
    expect(flaggedFrames(r)).toEqual({ 6: ['keep_alive'], 7: ['keep_alive_ack'], 8: ['keep_alive'], 9: ['keep_alive_ack'], 10: ['keep_alive_ack'] });
  });

  it('duplicate ACKs are numbered per side from the last ACK that moved, and a fast retransmission follows two of them within 20 ms', () => {
    const r = runSegments(`${HANDSHAKE}
2.704 A A 1001 5001 1000 100
2.705 A A 1101 5001 1000 100
2.706 A A 1301 5001 1000 100   # 6: previous segment not captured
2.707 B A 5001 1201 1000 0     # 7
2.708 B A 5001 1201 1000 0     # 8: dup ACK #1 of 7
2.709 B A 5001 1201 1000 0     # 9: dup ACK #2 of 7
2.710 A A 1201 5001 1000 100   # 10: fast retransmission
2.720 B A 5001 1401 1000 0`);
    expect(flaggedFrames(r)).toEqual({
      6: ['lost_segment'],
      8: ['duplicate_ack'],
      9: ['duplicate_ack'],
      10: ['retransmission', 'fast_retransmission'],
    });
    expect(r[7]?.dupAck).toEqual({ num: 1, frame: 7 });
    expect(r[8]?.dupAck).toEqual({ num: 2, frame: 7 });
    expect(r[9]?.dupAck).toBeUndefined();
  });

  it('spurious retransmission: already acknowledged data, checked before fast retransmission and out-of-order', () => {
    // Frame 7 is within the initial RTT of frame 5, which later versions' order would call
    // out-of-order; 4.0 tests "spurious" first.
    const r = runSegments(`${HANDSHAKE}
0.010 A A 1001 5001 1000 100
0.0101 A A 1101 5001 1000 100
0.0102 B A 5001 1201 1000 0
0.0105 A A 1001 5001 1000 100`);
    expect(flaggedFrames(r)).toEqual({ 7: ['retransmission', 'spurious_retransmission'] });
  });

  it('out-of-order within the initial RTT, retransmission after it', () => {
    const r = runSegments(`
0.000 A S 1000 0 1000 0
0.010 B SA 5000 1001 1000 0
0.020 A A 1001 5001 1000 0     # initial RTT 20 ms
0.100 A PA 1001 5001 1000 100
0.101 A PA 1201 5001 1000 100  # 5: previous segment not captured
0.102 A PA 1101 5001 1000 100  # 6: fills the hole 1 ms later: out-of-order
0.300 A PA 1001 5001 1000 100  # 7: 200 ms later: retransmission
0.400 B A 5001 1301 1000 0
0.401 B RA 5001 1301 1000 0`);
    expect(flaggedFrames(r)).toEqual({ 5: ['lost_segment'], 6: ['out_of_order'], 7: ['retransmission'] });
    expect(r.map((f) => f.initialRtt)).toEqual([undefined, undefined, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, undefined]);
  });

  it('a segment ending exactly at nextseq is a retransmission, not out-of-order (no issue-17214 exception in 4.0); SYN/FIN count one', () => {
    const r = runSegments(`${HANDSHAKE}
0.010 A A 1001 5001 1000 100
0.0101 A A 1201 5001 1000 0    # 5: pure ACK beyond the data: previous segment not captured
0.0102 A A 1101 5001 1000 100  # 6: ends at nextseq (1201)`);
    expect(flaggedFrames(r)).toEqual({ 5: ['lost_segment'], 6: ['retransmission'] });

    const fin = runSegments(`${HANDSHAKE}
0.010 A FA 1001 5001 1000 0
0.0101 A FA 1001 5001 1000 0   # 5: the FIN again: ends at nextseq counting the FIN
0.0102 A S 1000 0 1000 0       # 6: the SYN again, same ISN: no new stream, out-of-order`);
    expect(flaggedFrames(fin)).toEqual({ 5: ['retransmission'], 6: ['out_of_order'] });
    expect(fin.map((f) => f.stream)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('ACKed unseen segment is reported once while the peer only sends pure ACKs', () => {
    const r = runSegments(`${HANDSHAKE}
0.010 A A 1001 5001 1000 100
0.020 B A 5001 1201 1000 0     # 5: acks 1101..1200, never seen
0.030 B A 5001 1201 1000 0     # 6: a duplicate ACK, not reported again
0.040 B A 5001 1301 1000 0     # 7: further still: not reported again
0.050 A A 1101 5001 1000 0     # 8: A's count restarts from 1 (the -1 marker)
0.060 B A 5001 1401 1000 0`);
    expect(flaggedFrames(r)).toEqual({ 5: ['ack_lost_segment'], 6: ['duplicate_ack'], 8: ['duplicate_ack'] });
    expect(r[5]?.dupAck).toEqual({ num: 1, frame: 5 });
    expect(r[7]?.dupAck).toEqual({ num: 1, frame: 3 });
  });

  it('after an "ACKed unseen segment" the peer’s duplicate-ACK count is (guint32)-1, which passes the fast retransmission test', () => {
    const r = runSegments(`${HANDSHAKE}
0.003 A A 1001 5101 1000 0     # 4: acks 100 bytes B never sent
0.004 A A 1001 5101 1000 100
0.005 A A 1101 5101 1000 100
0.010 A A 1001 5101 1000 100   # 7: no duplicate ACK from B at all, yet "fast"`);
    expect(flaggedFrames(r)).toEqual({ 4: ['ack_lost_segment'], 7: ['retransmission', 'fast_retransmission'] });
  });

  it('ports reused: a SYN with another ISN starts a new tcp.stream; a SYN-ACK with another ISN is only flagged', () => {
    const r = runSegments(`${HANDSHAKE}
0.003 A RA 1001 5001 1000 0
1.000 A S 3000 0 1000 0        # 5: new stream 1, completeness starts at 1
1.001 B SA 7000 3001 1000 0
1.002 A A 3001 7001 1000 0
2.000 B SA 9000 3001 1000 0    # 8: SYN-ACK with another ISN, SYN not seen
2.001 A A 3001 9001 1000 0
3.000 B S 11000 0 1000 0       # 10: the other side opens: new stream 2
3.001 A SA 13000 11001 1000 0
3.002 B A 11001 13001 1000 0
4.000 A S 3000 0 1000 0        # 13: differs from A's ISN of stream 2 (13000): stream 3`);
    expect(flaggedFrames(r)).toEqual({
      5: ['reused_ports'],
      8: ['lost_segment', 'reused_ports'],
      9: ['ack_lost_segment'],
      10: ['reused_ports'],
      13: ['reused_ports'],
    });
    expect(r.map((f) => f.stream)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
    expect(r.map((f) => f.completeness)).toEqual([0, 1, 3, 7, 1, 1, 3, 7, 7, 1, 1, 3, 1]);
  });

  it('a SYN with the same ISN after a close is a retransmission on the same stream (4.0 does not split on FIN/RST)', () => {
    const r = runSegments(`${HANDSHAKE}
0.003 A FA 1001 5001 1000 0
0.004 B FA 5001 1002 1000 0
0.005 A A 1002 5002 1000 0
1.000 A S 1000 0 1000 0
1.001 B SA 7000 1001 1000 0
1.002 A A 1001 7001 1000 0`);
    expect(flaggedFrames(r)).toEqual({ 7: ['retransmission'], 8: ['lost_segment', 'reused_ports'], 9: ['keep_alive', 'ack_lost_segment'] });
    expect(r.every((f) => f.stream === 0)).toBe(true);
  });

  it('a SYN-ACK with another ISN becomes its side’s base; a SYN from that side is then compared with it', () => {
    const r = runSegments(`${HANDSHAKE}
2.000 B SA 9000 1001 1000 0    # 4: another ISN: reused ports (and beyond B's nextseq)
2.001 B SA 9000 1001 1000 0    # 5: the same again: only a retransmission
3.000 B S 9000 0 1000 0        # 6: B's SYN with the new base: same stream
3.001 B S 5000 0 1000 0        # 7: differs from it: new stream`);
    expect(r.map((f) => f.stream)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(flaggedFrames(r)).toEqual({ 4: ['lost_segment', 'reused_ports'], 5: ['retransmission'], 6: ['lost_segment'], 7: ['reused_ports'] });
  });

  it('the same SYN again moves the side back to its highest contiguous sequence number (issue 17616), unflagged', () => {
    const r = runSegments(`${HANDSHAKE}
0.100 A A 1001 5001 1000 100
0.200 A A 1201 5001 1000 100   # 5: hole at 1101
0.300 A S 1000 0 1000 0        # 6: retransmitted SYN: nextseq back to 1101
0.400 A A 1101 5001 1000 100   # 7: so this is in order
0.500 A A 1301 5001 1000 100   # 8: and this one follows a hole again`);
    expect(flaggedFrames(r)).toEqual({ 5: ['lost_segment'], 6: ['retransmission'], 8: ['lost_segment'] });
  });

  it('the same SYN again creates the per-packet record even when nothing is flagged (initial RTT printed)', () => {
    // ISN 0xffffffff: nextseq wraps to 0, Wireshark's "none yet", so nothing is flagged.
    const r = runSegments(`
0.000 A S 4294967295 0 1000 0
0.001 B SA 5000 0 1000 0
0.002 A A 0 5001 1000 0
0.100 A S 4294967295 0 1000 0  # 4
0.200 A S 4294967294 0 1000 0  # 5: another ISN: new stream`);
    expect(flaggedFrames(r)).toEqual({ 5: ['reused_ports'] });
    expect(r.map((f) => f.initialRtt)).toEqual([undefined, undefined, 0.002, 0.002, undefined]);
    expect(r.map((f) => f.completeness)).toEqual([0, 1, 3, 7, 1]);
  });

  it('window scaling is used only when both SYNs offer it', () => {
    // The SYN-ACK's scale without the SYN's: B's windows are taken unscaled.
    const r = runSegments(`
0.000 A S 1000 0 1000 0
0.001 B SA 5000 1001 100 0 ws=3
0.002 A A 1001 5001 1000 0
0.003 B A 5001 1001 100 0
0.004 A A 1001 5001 1000 100   # 5: 1001 + 100: window full
0.005 A A 1101 5001 1000 800
0.006 B A 5001 1901 100 0
0.007 A A 1901 5001 1000 100   # 8: 1901 + 100
0.100 A RA 5000 5001 1000 10   # RST: never "previous segment not captured"`);
    expect(flaggedFrames(r)).toEqual({ 4: ['duplicate_ack'], 5: ['window_full'], 8: ['window_full'] });
  });

  it('simultaneous open: the second side’s SYN has no base sequence number yet, so no new stream', () => {
    const r = runSegments(`
0.000 A S 1000 0 1000 0
0.001 B S 7000 0 1000 0
0.002 A SA 1000 7001 1000 0
0.003 B SA 7000 1001 1000 0
0.004 A A 1001 7001 1000 0`);
    expect(r.map((f) => f.stream)).toEqual([0, 0, 0, 0, 0]);
    expect(flaggedFrames(r)).toEqual({ 3: ['retransmission'], 4: ['retransmission'], 5: ['duplicate_ack'] });
  });

  it('sequence numbers wrap around 2^32', () => {
    const r = runSegments(`
0.000 A S 4294967000 0 1000 0
0.100 A S 4294967000 0 1000 0                  # 2: SYN retransmission
0.150 B SA 4294967290 4294967001 1000 0
0.200 A A 4294967001 4294967291 1000 0
0.300 A A 4294967001 4294967291 1000 500
0.301 A A 205 4294967291 1000 500              # 6: across the wrap; fills B's window
0.302 B A 4294967291 705 1000 0
0.303 A A 4294967001 4294967291 1000 500       # 8: acknowledged already: spurious
0.304 B SA 4294967290 4294967001 1000 0        # 9: SYN-ACK again
0.305 B A 4294967291 705 1000 10
0.200 A A 705 4294967301 1000 10               # time goes backwards: no crash`);
    expect(flaggedFrames(r)).toEqual({ 2: ['retransmission'], 6: ['window_full'], 8: ['retransmission', 'spurious_retransmission'], 9: ['retransmission'] });
  });

  it('initial RTT: SYN to the first pure ACK; a zero RTT stays "unknown" until the next pure ACK, like nstime_is_zero', () => {
    const r = runSegments(`
0.000 A S 1000 0 1000 10 ws=20        # data on the SYN (TCP Fast Open): completeness SYN|DATA
0.000 B SA 5000 1011 1000 0 ws=1
0.000 A A 1011 5001 1000 0            # 3: RTT 0: not known
0.001 A A 1011 5001 1000 0 ws=4       # 4: RTT 1 ms (a dup ACK, so printed)
0.002 B A 5001 1011 1000 0
0.003 A A 1011 5001 1000 0
0.004 B A 5001 1011 1000 0
0.005 A A 1011 5001 1000 16000
0.006 B A 5001 17011 1000 0`);
    expect(r.map((f) => f.initialRtt)).toEqual([undefined, undefined, undefined, 0.001, 0.001, 0.001, 0.001, 0.001, 0.001]);
    expect(r.map((f) => f.completeness)).toEqual([0, 9, 11, 15, 15, 15, 15, 15, 15]);
    expect(flaggedFrames(r)).toEqual({ 4: ['duplicate_ack'], 5: ['duplicate_ack'], 6: ['duplicate_ack'], 7: ['duplicate_ack'] });
  });

  it('completeness: a capture that starts mid-stream stays 0 until the second segment', () => {
    const analyzer = new TcpAnalyzer();
    const r = runSegments(
      `
0.000 A A 1001 5001 100 100
0.001 B A 5001 1101 100 0
0.002 A A 1101 5001 100 100
0.003 A FA 1201 5001 100 0
0.004 B FA 5001 1202 100 0
0.005 A A 1202 5002 100 0`,
      analyzer,
    );
    expect(r.map((f) => f.completeness)).toEqual([0, 0, 4, 12, 28, 28]);
    expect(flaggedFrames(r)).toEqual({});
    // The stream's value with every segment counted (what a second pass shows everywhere).
    expect(analyzer.completeness(0)).toBe(28);
    expect(analyzer.initialRtt(0)).toBeUndefined();
  });

  it('exposes the stream’s initial RTT and completeness', () => {
    const analyzer = new TcpAnalyzer();
    runSegments(`${HANDSHAKE}\n0.010 A PA 1001 5001 1000 10\n0.011 A FA 1011 5001 1000 0\n0.012 B RA 5001 1012 0 0`, analyzer);
    expect(analyzer.initialRtt(0)).toBeCloseTo(0.002, 12);
    expect(analyzer.completeness(0)).toBe(1 | 2 | 4 | 8 | 16 | 32);
    expect(analyzer.completeness(7)).toBe(0);
  });
});
