// What the TCP analysis sees of one segment, in capture order.
import type { Flow } from './flow.js';

export interface TcpSegment {
  /** 0-based packet index in the capture; `number` = index + 1 (frame.number). */
  readonly index: number;
  readonly number: number;
  readonly sec: number;
  readonly nsec: number;
  readonly flow: Flow;
  /** 0 = from the flow's endpoint A (first packet's source), 1 = from B. */
  readonly dir: 0 | 1;
  /** Absolute sequence and acknowledgement numbers. */
  readonly seq: number;
  readonly ack: number;
  /** TCP flags byte (FIN 0x01 ... CWR 0x80). */
  readonly flags: number;
  /** Raw (unscaled) window field. */
  readonly window: number;
  readonly payloadLength: number;
  /** Options, -1 / false when absent. */
  readonly mss: number;
  readonly wscale: number;
  readonly sackPermitted: boolean;
  readonly tsVal: number;
  readonly tsEcr: number;
  readonly sackBlocks: number;
}

/** Result of analysing one segment. */
export interface TcpSegmentAnalysis {
  /** Bits from analysis-flags.ts. */
  flags: number;
  /** For duplicate ACKs: tcp.analysis.duplicate_ack_num and _frame (frame number of the original ACK). */
  dupAckNum?: number;
  dupAckFrame?: number;
  /** For an ACK that acknowledges a segment exactly: its frame number and the time since it (ns). */
  acksFrame?: number;
  ackRttNs?: number;
}
