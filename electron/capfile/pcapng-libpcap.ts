// What libpcap 1.10.3 (sf-pcapng.c) would make of a pcapng file, tracked beside the reader.
//
// libpcap opens a pcapng file by reading up to its first IDB, and from then on allows one
// link type and one snapshot length for the whole file (those of that first IDB). The reader
// is laxer on valid files (it reads them as tshark does), so this keeps the state libpcap
// would have, computes its checks, and remembers the first place where it would give up.

import { libpcapSnapshot, linktypeToDlt, maxSnaplenForLinktype } from './linktypes.js';
import type { LibpcapPhase, LibpcapRefusal } from './types.js';

/** libpcap's INITIAL_MAX_BLOCKSIZE. */
const INITIAL_MAX_BLOCKSIZE = 16 * 1024 * 1024;

export class LibpcapPcapngState {
  /** pcap_open_offline() has returned: the first IDB was read. */
  opened = false;
  /** p->snapshot: the adjusted snapshot length of the first IDB. */
  snapshot = 0;
  /** Blocks larger than this are refused (grows with the first IDB's link type). */
  maxBlock = INITIAL_MAX_BLOCKSIZE;
  refusal: LibpcapRefusal | null = null;
  /** p->linktype: the first IDB's link type mapped to a DLT (and compared unmapped: libpcap does). */
  private dlt = 0;
  private linktype = 0;

  get phase(): LibpcapPhase {
    return this.opened ? 'loop' : 'open';
  }

  /** read_block()'s checks of a block's total length; null when it passes. */
  framingError(len: number): string | null {
    if (len < 12) return `block in pcapng dump file has a length of ${len} < 12`;
    if (len % 4 !== 0) return `block in pcapng dump file has a length of ${len} that is not a multiple of 4`;
    if (len > this.maxBlock) return `pcapng block size ${len} > maximum ${this.maxBlock}`;
    return null;
  }

  /**
   * An IDB (before its options are checked). The first one ends libpcap's open; any later one
   * must repeat its link type and (adjusted) snapshot length, or libpcap quits there.
   */
  interfaceBlock(linktype: number, snaplen: number, packets: number, offset: number): void {
    if (!this.opened) {
      this.opened = true;
      this.linktype = linktype;
      this.dlt = linktypeToDlt(linktype);
      this.snapshot = libpcapSnapshot(linktype, snaplen);
      // MAX_BLOCKSIZE_FOR_SNAPLEN(): an EPB of the largest packet plus 128 KiB of options.
      this.maxBlock = Math.max(INITIAL_MAX_BLOCKSIZE, 8 + 20 + maxSnaplenForLinktype(linktype) + 131072 + 4);
    } else if (linktype !== this.dlt) {
      this.refuse(`an interface has a type ${linktype} different from the type of the first interface`, packets, offset);
    } else if (libpcapSnapshot(this.linktype, snaplen) !== this.snapshot) {
      this.refuse(`an interface has a snapshot length ${snaplen} different from the snapshot length of the first interface`, packets, offset);
    }
  }

  /**
   * A section in the other byte order: libpcap reads its length in the old order and, if that
   * passes, refuses the change itself. (Before the first IDB libpcap skips SHBs unread; what
   * it then makes of the following blocks is not predicted.)
   */
  byteOrderChange(lengthInOldOrder: number, packets: number, offset: number): void {
    const framing = this.framingError(lengthInOldOrder);
    if (framing) this.refuse(framing, packets, offset);
    else if (this.opened) this.refuse('the file has sections with different byte orders', packets, offset);
  }

  /** Remembers the first refusal only: libpcap stops there. */
  refuse(message: string, packets: number, offset: number): void {
    if (!this.refusal) this.refusal = { message, phase: this.phase, packetsBefore: packets, offset };
  }
}
