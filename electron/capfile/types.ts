// Shared shapes of the capture-file readers and writers (pcap and pcapng).
// Pure data: no Node, DOM or Electron types, so every host can use them.

/** Which container a file uses. */
export type FileFormat = 'pcap' | 'pcapng';

/** One capture interface: the single implicit one of a pcap file, or one pcapng IDB. */
export interface CaptureInterface {
  /** Global interface number across all sections of the file (0-based, in order of appearance). */
  readonly id: number;
  /** pcapng section the IDB belongs to (0 for pcap). */
  readonly section: number;
  /** LINKTYPE_* value (1 = Ethernet, 113 = Linux SLL, 276 = SLL2, ...). */
  readonly linktype: number;
  /** Snapshot length from the file header or IDB (0 = unspecified). */
  readonly snaplen: number;
  /** Timestamp units per second as written by the file (1e6 for pcap µs, 1e9 for pcap ns, pcapng if_tsresol). */
  readonly tsUnitsPerSecond: number;
  /** True when the timestamps are stored with nanosecond (or finer) resolution. */
  readonly nanoPrecision: boolean;
  /** pcapng if_tsoffset in seconds (0 when absent). */
  readonly tsOffset: number;
  readonly name?: string;
  readonly description?: string;
  readonly comments?: readonly string[];
  /** Every option of the IDB as read, for a faithful pcapng re-write (code, raw value bytes). */
  readonly rawOptions?: readonly RawOption[];
  /** Index of the IDB within its pcapng section: what EPBs of that section call it (0 for pcap). */
  readonly localId?: number;
  /** FCS bytes at the end of each frame, when the file says (pcap link-type FCS bits, pcapng if_fcslen). */
  readonly fcsLength?: number;
}

export interface RawOption {
  readonly code: number;
  readonly value: Uint8Array;
}

/**
 * One packet record as the reader saw it. Bytes are not kept here: `dataOffset`
 * is where they start in the file, so a host can read them back on demand.
 */
export interface PacketRecord {
  /** 1-based frame number, as tcpdump -# and Wireshark count. */
  readonly number: number;
  readonly interfaceId: number;
  /** Whole seconds since the epoch (after if_tsoffset). */
  readonly tsSec: number;
  /**
   * Fraction of the second in nanoseconds. For a classic pcap file the raw field is kept
   * even when it is out of range (tcpdump prints a µs field of 1000000 as "1000000"),
   * so this may be >= 1e9 for broken files.
   */
  readonly tsNsec: number;
  /** Bytes captured (present in the file). */
  readonly caplen: number;
  /** Length on the wire. */
  readonly wirelen: number;
  /** Offset of the first packet byte in the file. */
  readonly dataOffset: number;
  /** Offset of the record/block header in the file. */
  readonly recordOffset: number;
  /** pcapng EPB/PB options: opt_comment values (absent when none). */
  readonly comments?: readonly string[];
  /** pcapng epb_flags (direction, reception type...) when present. */
  readonly epbFlags?: number;
  /** pcapng: block type the packet came from (6 EPB, 3 SPB, 2 PB); pcap: 0. */
  readonly blockType: number;
  /**
   * Set only when the record stores more bytes than libpcap hands out: a pcap record whose
   * caplen exceeds the file's snapshot length (libpcap 1.10 clips `caplen` to the snapshot
   * length and skips the rest). The record occupies `fileCaplen` bytes from `dataOffset`.
   */
  readonly fileCaplen?: number;
}

/** A statistics block (pcapng ISB). */
export interface InterfaceStatistics {
  readonly interfaceId: number;
  readonly tsSec: number;
  readonly tsNsec: number;
  /** isb_ifrecv, isb_ifdrop, isb_filteraccept, isb_osdrop, isb_usrdeliv when present. */
  readonly ifRecv?: number;
  readonly ifDrop?: number;
  readonly filterAccept?: number;
  readonly osDrop?: number;
  readonly usrDeliv?: number;
  readonly comments?: readonly string[];
}

/** A name resolution record (pcapng NRB). */
export interface NameRecord {
  readonly address: string;
  readonly names: readonly string[];
}

/** Why reading stopped early. Offsets are byte offsets in the file. */
export interface ReadError {
  /**
   * 'format' = not a capture file or unsupported; 'truncated' = file ends inside a record;
   * 'malformed' = a record breaks the format; 'internal' = an exception inside the reader or
   * the sink, caught so that the reader never throws to its caller.
   */
  readonly kind: 'format' | 'truncated' | 'malformed' | 'internal';
  /** Words like libpcap's, e.g. "truncated dump file; tried to read 74 captured bytes, only got 37". */
  readonly message: string;
  readonly offset: number;
  /** Where tcpdump would report it (see LibpcapPhase). */
  readonly phase?: LibpcapPhase;
}

/**
 * When libpcap 1.10.3 / tcpdump 4.99.3 gives up, as its stderr shows it:
 * 'open'   - pcap_open_offline() fails: `tcpdump: MSG`, no "reading from file" line;
 * 'filter' - the file opens (the "reading from file" line is printed) but tcpdump stops before
 *            the first packet because its (empty) filter cannot be compiled for the link type:
 *            `tcpdump: MSG`;
 * 'loop'   - pcap_loop() fails after the packets before it were printed: `tcpdump: pcap_loop: MSG`.
 */
export type LibpcapPhase = 'open' | 'filter' | 'loop';

/**
 * A place where libpcap 1.10.3 would stop although the file is valid and the reader goes on,
 * as tshark does (pcapng interfaces with different link types or snapshot lengths, sections
 * with different byte orders, a file without any IDB...).
 */
export interface LibpcapRefusal {
  /** libpcap's exact words, e.g. "an interface has a type 0 different from the type of the first interface". */
  readonly message: string;
  readonly phase: LibpcapPhase;
  /** Packets libpcap would have delivered before stopping. */
  readonly packetsBefore: number;
  /** File offset of the block where libpcap stops. */
  readonly offset: number;
}

/** What a reader reports while it consumes a file. */
export interface ReaderSink {
  onHeader?(format: FileFormat, info: FileInfo): void;
  onInterface?(iface: CaptureInterface): void;
  /**
   * `data` is a view of exactly `rec.caplen` bytes, valid only during the call
   * (it may point into a reused chunk buffer): copy it to keep it. `rec` too is valid only
   * during the call: the reader fills the same object for every packet, so that reading
   * allocates nothing per packet. Keep a copy (copyPacketRecord), never `rec` itself.
   */
  onPacket(rec: PacketRecord, data: Uint8Array): void;
  /**
   * When present, called instead of onPacket, without a view: the packet's bytes are
   * `buf[start, start + rec.caplen)`, valid only during the call, like `rec`. For hot
   * consumers that read by offset (a view per packet is garbage a million times over).
   */
  onPacketAt?(rec: PacketRecord, buf: Uint8Array, start: number): void;
  onStatistics?(stats: InterfaceStatistics): void;
  onNames?(names: readonly NameRecord[]): void;
  /**
   * pcapng blocks the reader does not interpret (custom blocks, DSB, unknown types): the whole
   * block, in the byte order of its section, valid only during the call. A re-writer can copy it.
   */
  onOtherBlock?(blockType: number, block: Uint8Array, offset: number): void;
}

export interface FileInfo {
  readonly format: FileFormat;
  /** true when multi-byte header fields are big-endian. */
  readonly bigEndian: boolean;
  readonly versionMajor: number;
  readonly versionMinor: number;
  /** pcapng SHB options (shb_hardware, shb_os, shb_userappl) and comments when present. */
  readonly hardware?: string;
  readonly os?: string;
  readonly application?: string;
  readonly comments?: readonly string[];
  /** pcapng: 0-based section number of this SHB (onHeader is called once per section). */
  readonly section?: number;
  /** pcapng: every SHB option as read (code, raw value), for a faithful re-write. */
  readonly rawOptions?: readonly RawOption[];
  /** pcap: the global header exactly as written, for a byte-identical re-write. */
  readonly pcapHeader?: PcapFileHeader;
}

/** The 24-byte pcap global header, raw (after byte-order correction). */
export interface PcapFileHeader {
  /** 0xa1b2c3d4 (µs), 0xa1b23c4d (ns) or 0xa1b2cd34 (Kuznetzov's patched format). */
  readonly magic: number;
  readonly versionMajor: number;
  readonly versionMinor: number;
  readonly thiszone: number;
  readonly sigfigs: number;
  /** As written (0 and values above 2^31-1 mean "use the link type's maximum" to libpcap). */
  readonly snaplen: number;
  /** The whole 32-bit link-type field, FCS and reserved bits included. */
  readonly linktypeField: number;
}

/** Random access to a capture's bytes: a file in Node, a Blob in a browser. */
export interface RandomAccessSource {
  /** Total size in bytes when known. */
  readonly size: number;
  /** Reads up to `length` bytes at `offset`; a shorter result means end of file. */
  read(offset: number, length: number): Promise<Uint8Array>;
}
