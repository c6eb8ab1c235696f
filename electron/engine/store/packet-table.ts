// electron/engine/store/: the compact column store of the packet index.
//
// The compact per-packet index: one column per field, each in fixed-size chunks
// (chunked-column.ts). 52 bytes a packet; the packet bytes themselves stay in the file and
// are read back by `dataOffset` through the host's RandomAccessSource.
//
// Growth: add() allocates the next chunk of every column when a row starts one; nothing is
// ever copied or trimmed, so memory is linear in packets (at most one partly used chunk)
// and a file's size need not be known in advance. Read a column with `t.seq.get(i)`.
import { CHUNK_BITS, CHUNK_MASK, CHUNK_ROWS, NarrowU32Column, OffsetColumn, U16Column, U32Column, U8Column } from './chunked-column.js';

export class PacketTable {
  length = 0;
  private chunkCount = 0;
  readonly dataOffset = new OffsetColumn();
  /**
   * The time as the reader gave it, when it fits 32 bits (nearly always). Read it through
   * sec()/nsec() and write it through setTime(): a pcapng time before 1970 or after 2106, or a
   * broken pcap µs field over 4294 s (kept raw, x1000, for a faithful re-write), lives in
   * `wide` instead.
   */
  readonly tsSec = new U32Column();
  readonly tsNsec = new U32Column();
  /** Lengths: 16 bits a row, the rare length of 64 KiB or more in a sparse map. */
  readonly caplen = new NarrowU32Column();
  readonly wirelen = new NarrowU32Column();
  readonly iface = new U16Column();
  readonly etherType = new U16Column();
  readonly ipProto = new U8Column();
  readonly tcpFlags = new U8Column();
  readonly window = new U16Column();
  /** Interned network addresses (see AddressTable); 0 = none. */
  readonly src = new U32Column();
  readonly dst = new U32Column();
  readonly sport = new U16Column();
  readonly dport = new U16Column();
  readonly seq = new U32Column();
  readonly ack = new U32Column();
  readonly payloadLength = new NarrowU32Column();
  /** Flow (conversation) id, 0 = none. */
  readonly flow = new U32Column();
  /** TCP analysis flags (bit set, see flows/analysis-flags.ts). */
  readonly analysis = new U16Column();

  // The last chunk of the plain columns, for the appender's row writes (bare stores: a call
  // per column, which V8 does not inline into CaptureIndex.addAt, cost 5-10 % of an open).
  private last = -1;
  private cTsSec = new Uint32Array(0);
  private cTsNsec = new Uint32Array(0);
  private cIface = new Uint16Array(0);
  private cEtherType = new Uint16Array(0);
  private cIpProto = new Uint8Array(0);
  private cTcpFlags = new Uint8Array(0);
  private cWindow = new Uint16Array(0);
  private cSrc = new Uint32Array(0);
  private cDst = new Uint32Array(0);
  private cSport = new Uint16Array(0);
  private cDport = new Uint16Array(0);
  private cSeq = new Uint32Array(0);
  private cAck = new Uint32Array(0);

  /** Times that do not fit the uint32 columns, by row; null until a file has one. */
  private wide: Map<number, { readonly sec: number; readonly nsec: number }> | null = null;

  setTime(i: number, sec: number, nsec: number): void {
    this.tsSec.set(i, sec);
    this.tsNsec.set(i, nsec);
    if (sec >= 0 && sec <= 0xffffffff && nsec >= 0 && nsec <= 0xffffffff) this.wide?.delete(i);
    else (this.wide ??= new Map()).set(i, { sec, nsec });
  }

  /** Whole seconds of row `i` (negative or past 2^32 for some pcapng files). */
  sec(i: number): number {
    const w = this.wide;
    return w === null ? this.tsSec.get(i) : (w.get(i)?.sec ?? this.tsSec.get(i));
  }

  /** The fraction in nanoseconds (at or past 1e9 for a broken pcap µs field, as read). */
  nsec(i: number): number {
    const w = this.wide;
    return w === null ? this.tsNsec.get(i) : (w.get(i)?.nsec ?? this.tsNsec.get(i));
  }

  /** Appends a row (all columns 0) and returns its index; the caller fills the columns. */
  add(): number {
    const i = this.length;
    if (i >>> CHUNK_BITS === this.chunkCount) this.addChunk();
    this.length = i + 1;
    return i;
  }

  // The appender's writes, a few columns per call: CaptureIndex.addAt is too large for V8 to
  // inline nineteen column writes into it, and a call per column cost about 5 % of an open.

  /** Appends a row for a capture record (the columns the reader gives). Returns its index. */
  addRecord(dataOffset: number, sec: number, nsec: number, caplen: number, wirelen: number, iface: number): number {
    const i = this.add();
    const k = i & CHUNK_MASK;
    this.dataOffset.set(i, dataOffset);
    if (this.wide === null && sec >= 0 && sec <= 0xffffffff && nsec >= 0 && nsec <= 0xffffffff) {
      this.cTsSec[k] = sec;
      this.cTsNsec[k] = nsec;
    } else this.setTime(i, sec, nsec);
    this.caplen.set(i, caplen);
    this.wirelen.set(i, wirelen);
    this.cIface[k] = iface;
    return i;
  }

  /** The network and transport columns of row `i` (addresses are AddressTable ids). */
  setNetwork(i: number, etherType: number, ipProto: number, src: number, dst: number, sport: number, dport: number): void {
    if (i >>> CHUNK_BITS === this.last) {
      const k = i & CHUNK_MASK;
      this.cEtherType[k] = etherType;
      this.cIpProto[k] = ipProto;
      this.cSrc[k] = src;
      this.cDst[k] = dst;
      this.cSport[k] = sport;
      this.cDport[k] = dport;
      return;
    }
    this.etherType.set(i, etherType);
    this.ipProto.set(i, ipProto);
    this.src.set(i, src);
    this.dst.set(i, dst);
    this.sport.set(i, sport);
    this.dport.set(i, dport);
  }

  /** The TCP columns of row `i`. */
  setTcp(i: number, seq: number, ack: number, flags: number, window: number, payloadLength: number): void {
    this.payloadLength.set(i, payloadLength);
    if (i >>> CHUNK_BITS === this.last) {
      const k = i & CHUNK_MASK;
      this.cSeq[k] = seq;
      this.cAck[k] = ack;
      this.cTcpFlags[k] = flags;
      this.cWindow[k] = window;
      return;
    }
    this.seq.set(i, seq);
    this.ack.set(i, ack);
    this.tcpFlags.set(i, flags);
    this.window.set(i, window);
  }

  /** Rows the allocated chunks can hold. */
  get capacity(): number {
    return this.chunkCount * CHUNK_ROWS;
  }

  /** Bytes held by the columns (whole chunks, not just the used rows). */
  get byteSize(): number {
    return this.capacity * PacketTable.BYTES_PER_PACKET;
  }

  static readonly BYTES_PER_PACKET = 4 + 4 * 2 + 2 * 2 + 2 + 2 + 1 + 1 + 2 + 4 * 2 + 2 * 2 + 4 * 2 + 2 + 4 + 2;

  private addChunk(): void {
    const n = ++this.chunkCount;
    this.dataOffset.ensure(n);
    this.tsSec.ensure(n);
    this.tsNsec.ensure(n);
    this.caplen.ensure(n);
    this.wirelen.ensure(n);
    this.iface.ensure(n);
    this.etherType.ensure(n);
    this.ipProto.ensure(n);
    this.tcpFlags.ensure(n);
    this.window.ensure(n);
    this.src.ensure(n);
    this.dst.ensure(n);
    this.sport.ensure(n);
    this.dport.ensure(n);
    this.seq.ensure(n);
    this.ack.ensure(n);
    this.payloadLength.ensure(n);
    this.flow.ensure(n);
    this.analysis.ensure(n);
    const c = (this.last = n - 1);
    this.cTsSec = this.tsSec.chunk(c);
    this.cTsNsec = this.tsNsec.chunk(c);
    this.cIface = this.iface.chunk(c);
    this.cEtherType = this.etherType.chunk(c);
    this.cIpProto = this.ipProto.chunk(c);
    this.cTcpFlags = this.tcpFlags.chunk(c);
    this.cWindow = this.window.chunk(c);
    this.cSrc = this.src.chunk(c);
    this.cDst = this.dst.chunk(c);
    this.cSport = this.sport.chunk(c);
    this.cDport = this.dport.chunk(c);
    this.cSeq = this.seq.chunk(c);
    this.cAck = this.ack.chunk(c);
  }
}
