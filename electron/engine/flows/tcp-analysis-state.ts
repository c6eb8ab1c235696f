// What the TCP analysis remembers between segments: one TcpStreamState per tcp.stream and
// one TcpDirState per direction, mirroring the fields of Wireshark's `struct tcp_analysis`
// and `tcp_flow_t` (packet-tcp.h) that later segments read. Nothing per packet is kept
// here except the unacknowledged segments, which Wireshark caps at 10,000 per direction.
import { C_ACK, C_DATA, C_FIN, C_RST, C_SYN, C_SYNACK } from './tcp-bits.js';

/** Wireshark's TCP_MAX_UNACKED_SEGMENTS: past it, new segments are not remembered. */
export const MAX_UNACKED_SEGMENTS = 10_000;

/** Window scale states besides a shift count of 0..14 (tcp_flow_t.win_scale). */
export const WSCALE_UNKNOWN = -1;
export const WSCALE_NONE = -2;

/** tcp.completeness bits (TCP_COMPLETENESS_*). */
export { C_ACK, C_DATA, C_FIN, C_RST, C_SYN, C_SYNACK };

export interface TcpDirState {
  /** Base sequence number known (TCP_S_BASE_SEQ_SET) and its value. */
  baseSeqSet: boolean;
  baseSeq: number;
  /** -1 unknown, -2 no scaling, else the shift count. */
  winScale: number;
  /** Last raw window field seen from this side (0xffffffff before any). */
  window: number;
  /** Highest sequence number after a segment (0 = none yet, as Wireshark tests it). */
  nextSeq: number;
  nextSeqFrame: number;
  nextSeqSec: number;
  nextSeqNsec: number;
  /** Last ACK field sent by this side, and when. */
  lastAck: number;
  lastAckSec: number;
  lastAckNsec: number;
  /**
   * Frame of the last ACK that changed the ack number; duplicate ACKs since (-1: an
   * "ACKed unseen segment" was reported for the peer, Wireshark's (guint32)-1).
   */
  lastNonDupAck: number;
  dupAckNum: number;
  /** Highest contiguous sequence number expected to be acknowledged (0 = none). */
  maxSeqToBeAcked: number;
  /** Unacknowledged segments: the sequence number after each (SYN/FIN count one). */
  unacked: number[];
  /** Per unacknowledged segment (same order): its frame number and time, for tcp.analysis.ack_rtt. */
  unackedFrame: number[];
  unackedSec: number[];
  unackedNsec: number[];
  /** Bytes-in-flight tracking valid (cleared by a lost segment until the peer ACKs). */
  validBif: boolean;
  /** Analysis flags of the last segment from this side. */
  lastSegmentFlags: number;
  /** A SYN was sent and no pure ACK since: its window is not scaled (issue 14690). */
  isFirstAck: boolean;
}

export interface TcpStreamState {
  readonly stream: number;
  /** Per direction, indexed like TcpSegment.dir. */
  readonly dirs: readonly [TcpDirState, TcpDirState];
  completeness: number;
  /** Time of the most recent SYN (0/0 = none, as nstime_is_zero). */
  mruSynSec: number;
  mruSynNsec: number;
  /** SYN → handshake ACK, in ns (0 = not known yet). */
  firstRttNs: number;
}

function newDirState(): TcpDirState {
  return {
    baseSeqSet: false,
    baseSeq: 0,
    winScale: WSCALE_UNKNOWN,
    window: 0xffffffff,
    nextSeq: 0,
    nextSeqFrame: 0,
    nextSeqSec: 0,
    nextSeqNsec: 0,
    lastAck: 0,
    lastAckSec: 0,
    lastAckNsec: 0,
    lastNonDupAck: 0,
    dupAckNum: 0,
    maxSeqToBeAcked: 0,
    unacked: [],
    unackedFrame: [],
    unackedSec: [],
    unackedNsec: [],
    validBif: true,
    lastSegmentFlags: 0,
    isFirstAck: false,
  };
}

export function newStreamState(stream: number): TcpStreamState {
  return { stream, dirs: [newDirState(), newDirState()], completeness: 0, mruSynSec: 0, mruSynNsec: 0, firstRttNs: 0 };
}
