// What a faithful export and the detail pane need beyond the CaptureIndex columns, kept
// sparse: pcapng comments (rare), SPB origin (rare), pcap records longer than the snapshot
// length (rare), and epb_flags (a column, allocated only once a file holds one).
import type { PacketRecord } from '../../capfile/types.js';

export class PacketExtras {
  readonly comments = new Map<number, readonly string[]>();
  /** Packets that came from a Simple Packet Block (written back as SPBs). */
  readonly simple = new Set<number>();
  /** pcap records that store more bytes than libpcap hands out (PacketRecord.fileCaplen). */
  readonly fileCaplen = new Map<number, number>();
  /** epb_flags by packet; NaN = absent. Null until a packet has flags. */
  private flags: Float64Array | null = null;

  note(i: number, rec: PacketRecord): void {
    if (rec.comments?.length) this.comments.set(i, rec.comments.slice());
    if (rec.blockType === 3) this.simple.add(i);
    if (rec.fileCaplen !== undefined) this.fileCaplen.set(i, rec.fileCaplen);
    if (rec.epbFlags !== undefined) {
      if (!this.flags) this.flags = new Float64Array(Math.max(1024, i * 2)).fill(NaN);
      if (i >= this.flags.length) {
        const grown = new Float64Array(Math.max(i + 1, this.flags.length * 2)).fill(NaN);
        grown.set(this.flags);
        this.flags = grown;
      }
      this.flags[i] = rec.epbFlags;
    }
  }

  /** Replaces packet `i`'s comments (the user's edit); none deletes them. */
  setComments(i: number, comments: readonly string[]): void {
    if (comments.length) this.comments.set(i, comments.slice());
    else this.comments.delete(i);
  }

  epbFlags(i: number): number | undefined {
    const v = this.flags?.[i];
    return v === undefined || Number.isNaN(v) ? undefined : v;
  }
}
