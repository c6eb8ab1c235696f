// What the TCP analysis remembers between segments, mirroring the fields of Wireshark's
// `struct tcp_analysis` (per tcp.stream) and `tcp_flow_t` (per direction) that later
// segments read (packet-tcp.h). Nothing per packet is kept here except the unacknowledged
// segments, which Wireshark caps at 10,000 per direction.
//
// The state lives in pooled typed columns, one row per stream and one per direction (row
// 2 * stream + dir), not in objects: a capture of 22k short connections made 22k x 6
// objects that the garbage collector copied and marked again and again while the file was
// read. Streams are numbered densely from 0 (tcp.stream), so a row is found by index.
import { C_ACK, C_DATA, C_FIN, C_RST, C_SYN, C_SYNACK } from './tcp-bits.js';

/** Wireshark's TCP_MAX_UNACKED_SEGMENTS: past it, new segments are not remembered. */
export const MAX_UNACKED_SEGMENTS = 10_000;
/** Numbers per unacknowledged segment: next sequence number, frame, seconds, nanoseconds, sequence number. */
export const UNACKED_STRIDE = 5;

/** Window scale states besides a shift count of 0..14 (tcp_flow_t.win_scale). */
export const WSCALE_UNKNOWN = -1;
export const WSCALE_NONE = -2;

/** tcp.completeness bits (TCP_COMPLETENESS_*). */
export { C_ACK, C_DATA, C_FIN, C_RST, C_SYN, C_SYNACK };

export class TcpAnalysisState {
  // ---- per stream (row = tcp.stream) ----
  /** 1 once the stream has a segment. */
  exists = new Uint8Array(0);
  completeness = new Uint8Array(0);
  /** Time of the most recent SYN (0/0 = none, as nstime_is_zero). */
  mruSynSec = new Float64Array(0);
  mruSynNsec = new Int32Array(0);
  /** SYN → handshake ACK, in ns (0 = not known yet). */
  firstRttNs = new Float64Array(0);

  // ---- per direction (row = 2 * stream + dir; dir as TcpSegment.dir) ----
  /** Base sequence number known (TCP_S_BASE_SEQ_SET) and its value. */
  baseSeqSet = new Uint8Array(0);
  baseSeq = new Uint32Array(0);
  /** -1 unknown, -2 no scaling, else the shift count. */
  winScale = new Int8Array(0);
  /** Last raw window field seen from this side (0xffffffff before any). */
  window = new Uint32Array(0);
  /** Highest sequence number after a segment (0 = none yet, as Wireshark tests it). */
  nextSeq = new Uint32Array(0);
  nextSeqFrame = new Float64Array(0);
  nextSeqSec = new Float64Array(0);
  nextSeqNsec = new Int32Array(0);
  /** Last ACK field sent by this side, and when. */
  lastAck = new Uint32Array(0);
  lastAckSec = new Float64Array(0);
  lastAckNsec = new Int32Array(0);
  /**
   * Frame of the last ACK that changed the ack number; duplicate ACKs since (-1: an
   * "ACKed unseen segment" was reported for the peer, Wireshark's (guint32)-1).
   */
  lastNonDupAck = new Float64Array(0);
  dupAckNum = new Int32Array(0);
  /** Highest contiguous sequence number expected to be acknowledged (0 = none). */
  maxSeqToBeAcked = new Uint32Array(0);
  /** Bytes-in-flight tracking valid (cleared by a lost segment until the peer ACKs). */
  validBif = new Uint8Array(0);
  /** Analysis flags of the last segment from this side. */
  lastSegmentFlags = new Uint32Array(0);
  /** A SYN was sent and no pure ACK since: its window is not scaled (issue 14690). */
  isFirstAck = new Uint8Array(0);
  /** Bytes sent since the last PSH flag, and whether the last data segment had PSH (tcp.analysis.push_bytes_sent). */
  pushBytes = new Float64Array(0);
  pushSetLast = new Uint8Array(0);
  /** Bytes the SACK option of the side's latest segment reported delivered (-1: it had none). */
  sackDelivered = new Float64Array(0);
  /**
   * The span of the side's unacknowledged segments (lowest sequence number, highest next one,
   * relative to bifBase) for its bytes in flight, kept current while segments are added;
   * bifFresh 0 asks for a rescan (an ACK removed some).
   */
  bifLo = new Uint32Array(0);
  bifHi = new Uint32Array(0);
  bifBase = new Uint32Array(0);
  bifFresh = new Uint8Array(0);
  /** Per stream: the direction whose FIN came first, +1 (0 = no FIN yet): it "initiates the connection closing". */
  closer = new Uint8Array(0);
  /** Unacknowledged segments, UNACKED_STRIDE numbers each: the sequence number after it (SYN/FIN count one), its frame, seconds, nanoseconds and first sequence number; null while none was sent. */
  readonly unacked: (number[] | null)[] = [];
  /**
   * Numbers in use at the start of `unacked[d]`. A long array never shrinks: setting its
   * length as ACKs drop entries made V8 trim and re-grow its store again and again on a bulk
   * transfer (about 100 MB of garbage per 1M packets). A short one is dropped when empty.
   */
  unackedLen = new Int32Array(0);

  private streamCap = 0;

  /** Whether `stream` has state yet. */
  has(stream: number): boolean {
    return stream < this.streamCap && this.exists[stream] === 1;
  }

  /** Creates the state of a new stream (rows zeroed as Wireshark's init_tcp_conversation_data leaves them). */
  create(stream: number): void {
    if (stream >= this.streamCap) this.grow(Math.max(stream + 1, this.streamCap + (this.streamCap >> 2), 256));
    this.exists[stream] = 1;
    for (let d = 2 * stream; d < 2 * stream + 2; d++) {
      this.winScale[d] = WSCALE_UNKNOWN;
      this.window[d] = 0xffffffff;
      this.validBif[d] = 1;
      this.sackDelivered[d] = -1;
    }
  }

  /** Bytes held by the columns (capacity; the unacked lists aside). */
  get byteSize(): number {
    return this.streamCap * (1 + 1 + 8 + 4 + 8 + 1) + 2 * this.streamCap * (1 + 4 + 1 + 4 + 4 + 8 + 8 + 4 + 4 + 8 + 4 + 8 + 4 + 4 + 1 + 4 + 1 + 8 + 1 + 8 + 4 + 4 + 4 + 1 + 4);
  }

  // Growing by a quarter copies per stream count, never per packet, and leaves at most a fifth unused.
  private grow(cap: number): void {
    const n = this.streamCap;
    const s = <T extends Uint8Array | Int8Array | Int32Array | Uint32Array | Float64Array>(a: T, make: (k: number) => T, rows: number, used: number): T => {
      const b = make(rows);
      b.set(a.subarray(0, used));
      return b;
    };
    const u8 = (k: number) => new Uint8Array(k);
    const i8 = (k: number) => new Int8Array(k);
    const i32 = (k: number) => new Int32Array(k);
    const u32 = (k: number) => new Uint32Array(k);
    const f64 = (k: number) => new Float64Array(k);
    this.exists = s(this.exists, u8, cap, n);
    this.completeness = s(this.completeness, u8, cap, n);
    this.mruSynSec = s(this.mruSynSec, f64, cap, n);
    this.mruSynNsec = s(this.mruSynNsec, i32, cap, n);
    this.firstRttNs = s(this.firstRttNs, f64, cap, n);
    this.closer = s(this.closer, u8, cap, n);
    const d = 2 * cap;
    const dn = 2 * n;
    this.baseSeqSet = s(this.baseSeqSet, u8, d, dn);
    this.baseSeq = s(this.baseSeq, u32, d, dn);
    this.winScale = s(this.winScale, i8, d, dn);
    this.window = s(this.window, u32, d, dn);
    this.nextSeq = s(this.nextSeq, u32, d, dn);
    this.nextSeqFrame = s(this.nextSeqFrame, f64, d, dn);
    this.nextSeqSec = s(this.nextSeqSec, f64, d, dn);
    this.nextSeqNsec = s(this.nextSeqNsec, i32, d, dn);
    this.lastAck = s(this.lastAck, u32, d, dn);
    this.lastAckSec = s(this.lastAckSec, f64, d, dn);
    this.lastAckNsec = s(this.lastAckNsec, i32, d, dn);
    this.lastNonDupAck = s(this.lastNonDupAck, f64, d, dn);
    this.dupAckNum = s(this.dupAckNum, i32, d, dn);
    this.maxSeqToBeAcked = s(this.maxSeqToBeAcked, u32, d, dn);
    this.validBif = s(this.validBif, u8, d, dn);
    this.lastSegmentFlags = s(this.lastSegmentFlags, u32, d, dn);
    this.isFirstAck = s(this.isFirstAck, u8, d, dn);
    this.pushBytes = s(this.pushBytes, f64, d, dn);
    this.pushSetLast = s(this.pushSetLast, u8, d, dn);
    this.sackDelivered = s(this.sackDelivered, f64, d, dn);
    this.bifLo = s(this.bifLo, u32, d, dn);
    this.bifHi = s(this.bifHi, u32, d, dn);
    this.bifBase = s(this.bifBase, u32, d, dn);
    this.bifFresh = s(this.bifFresh, u8, d, dn);
    this.unackedLen = s(this.unackedLen, i32, d, dn);
    this.streamCap = cap;
  }
}
