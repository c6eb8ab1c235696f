// The flows table's index from a conversation's ordered 5-tuple to its flow id, in typed
// columns with open addressing (linear probing, at most half full): the index looks a key
// up for most packets (every one whose conversation differs from the previous packet's),
// and the string key it used to build for each (`tcp|3|20000|4|80`) cost an allocation
// and a string hash per packet. Address ids come from the AddressTable, ports are 16-bit,
// kinds a small number.

export class FlowKeyIndex {
  private kind = new Uint8Array(0);
  private loAddr = new Uint32Array(0);
  private hiAddr = new Uint32Array(0);
  private loPort = new Uint16Array(0);
  private hiPort = new Uint16Array(0);
  /** Flow id per slot, 0 = empty. */
  private id = new Uint32Array(0);
  private mask = 0;
  private count = 0;

  constructor(initial = 1024) {
    this.resize(initial);
  }

  /** The flow id stored for the key, or 0. */
  get(kind: number, loAddr: number, loPort: number, hiAddr: number, hiPort: number): number {
    for (let s = this.slot(kind, loAddr, loPort, hiAddr, hiPort); ; s = (s + 1) & this.mask) {
      const v = this.id[s]!;
      if (v === 0) return 0;
      if (this.loAddr[s] === loAddr && this.hiAddr[s] === hiAddr && this.loPort[s] === loPort && this.hiPort[s] === hiPort && this.kind[s] === kind) return v;
    }
  }

  /** Stores (or replaces: TCP port reuse) the flow id of a key; `flowId` > 0. */
  set(kind: number, loAddr: number, loPort: number, hiAddr: number, hiPort: number, flowId: number): void {
    if ((this.count + 1) * 2 > this.mask + 1) this.resize((this.mask + 1) * 2);
    let s = this.slot(kind, loAddr, loPort, hiAddr, hiPort);
    for (; ; s = (s + 1) & this.mask) {
      if (this.id[s] === 0) {
        this.count++;
        break;
      }
      if (this.loAddr[s] === loAddr && this.hiAddr[s] === hiAddr && this.loPort[s] === loPort && this.hiPort[s] === hiPort && this.kind[s] === kind) break;
    }
    this.kind[s] = kind;
    this.loAddr[s] = loAddr;
    this.loPort[s] = loPort;
    this.hiAddr[s] = hiAddr;
    this.hiPort[s] = hiPort;
    this.id[s] = flowId;
  }

  /** Bytes held by the columns. */
  get byteSize(): number {
    return (this.mask + 1) * (1 + 4 + 4 + 2 + 2 + 4);
  }

  private slot(kind: number, loAddr: number, loPort: number, hiAddr: number, hiPort: number): number {
    let h = Math.imul(kind + 1, 0x9e3779b1);
    h = Math.imul(h ^ loAddr, 0x85ebca6b);
    h = Math.imul(h ^ loPort, 0xc2b2ae35);
    h = Math.imul(h ^ hiAddr, 0x27d4eb2f);
    h = Math.imul(h ^ hiPort, 0x165667b1);
    h ^= h >>> 15;
    return h & this.mask;
  }

  // Doubling rehashes every key: once per doubling of the number of flows, not per packet.
  private resize(cap: number): void {
    const { kind, loAddr, loPort, hiAddr, hiPort, id } = this;
    this.kind = new Uint8Array(cap);
    this.loAddr = new Uint32Array(cap);
    this.loPort = new Uint16Array(cap);
    this.hiAddr = new Uint32Array(cap);
    this.hiPort = new Uint16Array(cap);
    this.id = new Uint32Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let s = 0; s < id.length; s++) if (id[s] !== 0) this.set(kind[s]!, loAddr[s]!, loPort[s]!, hiAddr[s]!, hiPort[s]!, id[s]!);
  }
}
