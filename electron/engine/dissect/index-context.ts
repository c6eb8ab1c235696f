// The dissectors' index mode: the same dissectors, reached through the same dispatch tables,
// fill the capture index's numbers for every packet while a file opens. No tree, no strings,
// no exceptions: each `Dissector.index` reads the bytes with explicit length checks (like
// gopacket's DecodingLayer: decode into a reused record, then name the next layer) and writes
// `ctx.index`. A dissector without an index mode ends the walk; its fields come from the tree.
import type { Dissector } from './dissector.js';
import { IndexSink } from './index-sink.js';
import type { Registry } from './registry.js';

type IndexFn = (ctx: IndexContext, offset: number, length: number) => void;

/** A registered port: its dissector's index mode (null when it has none: it still wins over the other port). */
interface PortIndex {
  readonly fn: IndexFn | null;
  readonly priority: number;
}

/**
 * The ports of one table: a bit per port says whether any dissector is registered (8 KB, so
 * the test stays in the CPU cache while packets come from thousands of ephemeral ports),
 * and the few registered ones are looked up only when the bit is set.
 */
class PortTable {
  private readonly bits = new Int32Array(0x10000 >> 5);
  private readonly entries = new Map<number, PortIndex>();

  set(port: number, entry: PortIndex): void {
    this.bits[port >> 5]! |= 1 << (port & 31);
    this.entries.set(port, entry);
  }

  get(port: number): PortIndex | undefined {
    return (this.bits[port >> 5]! >>> (port & 31)) & 1 ? this.entries.get(port) : undefined;
  }
}

/**
 * The registry's tables laid out for the index mode, holding the index modes themselves: a
 * few compares or an array load per layer of every packet rather than a hash lookup and a
 * property load.
 */
interface IndexTables {
  /** Ethertypes are few and spread over 16 bits: a short list searched in order. */
  readonly ethertypeKeys: Int32Array;
  readonly ethertypeFns: readonly IndexFn[];
  readonly ipproto: readonly (IndexFn | undefined)[];
  readonly tcpport: PortTable;
  readonly udpport: PortTable;
}

const tablesOf = new WeakMap<Registry, IndexTables>();

/** An array of `size` undefined elements, grown by push so V8 keeps it packed (`new Array(65536)` would be a slow dictionary). */
function packed<T>(size: number): (T | undefined)[] {
  const a: (T | undefined)[] = [];
  for (let k = 0; k < size; k++) a.push(undefined);
  return a;
}

function buildTables(r: Registry): IndexTables {
  const exact = (table: 'ipproto', size: number): (IndexFn | undefined)[] => {
    const a = packed<IndexFn>(size);
    for (const [k, d] of r.entries(table)) if (k >= 0 && k < size) a[k] = d.index;
    return a;
  };
  const ports = (table: 'tcpport' | 'udpport'): PortTable => {
    const t = new PortTable();
    for (const [k, e] of r.entries(table)) if (k >= 0 && k <= 0xffff) t.set(k, { fn: e.dissector.index ?? null, priority: e.priority });
    return t;
  };
  const ethertypes = r.entries('ethertype').filter(([, d]) => d.index);
  return {
    ethertypeKeys: Int32Array.from(ethertypes, ([k]) => k),
    ethertypeFns: ethertypes.map(([, d]) => d.index!),
    ipproto: exact('ipproto', 0x100),
    tcpport: ports('tcpport'),
    udpport: ports('udpport'),
  };
}

const EMPTY = new Uint8Array(0);

export class IndexContext {
  /**
   * The bytes that hold the packet being indexed: the packet is `data[start, end)`, and every
   * offset a dissector reads or records (IndexSink's srcOffset, payloadOffset...) is an offset
   * into `data`. The reader's chunk is passed as it is, so indexing a packet makes no view.
   */
  data: Uint8Array = EMPTY;
  /** End of the packet's captured bytes in `data` (its start is the offset the link layer gets). */
  end = 0;
  /** What the dissectors found (reset for every packet). */
  readonly index = new IndexSink();
  private readonly tables: IndexTables;
  // The link type changes rarely (once per interface): its dissector is looked up once.
  private linktype = -1;
  private link: Dissector | undefined;

  /** The registry must be complete: its tables are laid out once, on first use. */
  constructor(readonly registry: Registry) {
    let t = tablesOf.get(registry);
    if (!t) tablesOf.set(registry, (t = buildTables(registry)));
    this.tables = t;
  }

  /** Indexes one packet held whole in `data` (offsets recorded are then packet offsets). */
  frame(data: Uint8Array, linktype: number): void {
    this.frameAt(data, 0, data.length, linktype);
  }

  /** Indexes the packet at `buf[start, start + caplen)`: resets the sink and runs the index mode of the link type's dissector. */
  frameAt(buf: Uint8Array, start: number, caplen: number, linktype: number): void {
    const ix = this.index;
    ix.reset();
    this.data = buf;
    this.end = start + caplen;
    if (linktype !== this.linktype) {
      this.linktype = linktype;
      this.link = this.registry.lookup('linktype', linktype);
    }
    const fn = this.link?.index;
    if (!fn) return;
    try {
      fn(this, start, caplen);
    } catch {
      // An index mode must not throw; if one does (a bug), the packet is indexed as an
      // unknown link type and its fields come from the tree.
      ix.reset();
    }
  }

  /** The network layer after a link header: records the outermost ethertype, then dispatches on it. */
  network(etherType: number, offset: number, length: number): boolean {
    if (this.index.etherType === 0) this.index.etherType = etherType;
    return this.dispatch('ethertype', etherType, offset, length);
  }

  private ethertype(key: number): IndexFn | undefined {
    const keys = this.tables.ethertypeKeys;
    for (let k = 0; k < keys.length; k++) if (keys[k] === key) return this.tables.ethertypeFns[k];
    return undefined;
  }

  /**
   * Hands a layer to the index mode of the dissector registered for `key`; false when there
   * is none. (One call site per table keeps each site's targets few enough for V8 to inline.)
   */
  dispatch(table: 'ethertype' | 'ipproto', key: number, offset: number, length: number): boolean {
    if (table === 'ipproto') {
      const fn = this.tables.ipproto[key];
      if (!fn) return false;
      fn(this, offset, length);
    } else {
      const fn = this.ethertype(key);
      if (!fn) return false;
      fn(this, offset, length);
    }
    return true;
  }

  /** Hands a transport payload to the index mode of the dissector one of its ports selects (Registry.lookupPorts). */
  dispatchPorts(table: 'tcpport' | 'udpport', sport: number, dport: number, offset: number, length: number): boolean {
    const ports = table === 'tcpport' ? this.tables.tcpport : this.tables.udpport;
    const a = ports.get(sport);
    const b = ports.get(dport);
    const fn = a && b ? (a.priority <= b.priority ? a.fn : b.fn) : (a ?? b)?.fn;
    if (!fn) return false;
    fn(this, offset, length);
    return true;
  }
}
