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
  /** 'format' = not a capture file or unsupported; 'truncated' = file ends inside a record; 'malformed' = a record breaks the format. */
  readonly kind: 'format' | 'truncated' | 'malformed';
  /** Words like libpcap's, e.g. "truncated dump file; tried to read 74 captured bytes, only got 37". */
  readonly message: string;
  readonly offset: number;
}

/** What a reader reports while it consumes a file. */
export interface ReaderSink {
  onHeader?(format: FileFormat, info: FileInfo): void;
  onInterface?(iface: CaptureInterface): void;
  /**
   * `data` is a view of exactly `rec.caplen` bytes, valid only during the call
   * (it may point into a reused chunk buffer): copy it to keep it.
   */
  onPacket(rec: PacketRecord, data: Uint8Array): void;
  onStatistics?(stats: InterfaceStatistics): void;
  onNames?(names: readonly NameRecord[]): void;
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
}

/** Random access to a capture's bytes: a file in Node, a Blob in a browser. */
export interface RandomAccessSource {
  /** Total size in bytes when known. */
  readonly size: number;
  /** Reads up to `length` bytes at `offset`; a shorter result means end of file. */
  read(offset: number, length: number): Promise<Uint8Array>;
}
