// Every flow's packets in capture order, as a link from each packet to the next packet of
// its flow: the ladder of a 600k-packet flow walks its own packets from a checkpoint instead
// of scanning the whole capture's flow column. 4 bytes per packet in fixed chunks that are
// never copied (a chunk per 64k packets), plus 4 per flow for its last packet so far.
// Links are stored plus one, so that a new chunk's zeros already mean "no next packet yet".

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

export class FlowPacketList {
  private readonly chunks: Int32Array[] = [];
  /** Last packet appended per flow id, plus one (0: none). */
  private tails = new Int32Array(1024);

  /** Appends packet `i` (indices only grow) to flow `flow` (ids > 0). */
  append(flow: number, i: number): void {
    if (i >>> CHUNK_BITS >= this.chunks.length) this.addChunks(i);
    if (flow >= this.tails.length) this.growTails(flow);
    const tail = this.tails[flow]! - 1;
    if (tail >= 0) this.chunks[tail >>> CHUNK_BITS]![tail & MASK] = i + 1;
    this.tails[flow] = i + 1;
  }

  /** The next packet of packet `i`'s flow, -1 at its last one so far. */
  next(i: number): number {
    return this.chunks[i >>> CHUNK_BITS]![i & MASK]! - 1;
  }

  /** The last packet of flow `flow` so far, -1 for none. */
  last(flow: number): number {
    return flow < this.tails.length ? this.tails[flow]! - 1 : -1;
  }

  /** Bytes held (capacity). */
  get byteSize(): number {
    return this.chunks.length * CHUNK * 4 + this.tails.byteLength;
  }

  private addChunks(i: number): void {
    while (this.chunks.length <= i >>> CHUNK_BITS) this.chunks.push(new Int32Array(CHUNK));
  }

  private growTails(flow: number): void {
    const t = new Int32Array(Math.max(this.tails.length * 2, flow + 1));
    t.set(this.tails);
    this.tails = t;
  }
}
