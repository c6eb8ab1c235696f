// The dissectors' index mode: the same dissectors, reached through the same dispatch tables,
// fill the capture index's numbers for every packet while a file opens. No tree, no strings,
// no exceptions: each `Dissector.index` reads the bytes with explicit length checks (like
// gopacket's DecodingLayer: decode into a reused record, then name the next layer) and writes
// `ctx.index`. A dissector without an index mode ends the walk; its fields come from the tree.
import type { Dissector } from './dissector.js';
import { IndexSink } from './index-sink.js';
import type { Registry } from './registry.js';

type IndexFn = (ctx: IndexContext, offset: number, length: number) => void;

/**
 * The registry's tables as arrays indexed by key, holding the index modes themselves: one
 * array load per layer of every packet, not a hash lookup and a property load. A port entry
 * is null when its dissector has no index mode (it still wins over the other port).
 */
interface IndexTables {
  readonly ethertype: readonly (IndexFn | undefined)[];
  readonly ipproto: readonly (IndexFn | undefined)[];
  readonly tcpport: readonly (IndexFn | null | undefined)[];
  readonly tcpPriority: Int32Array;
  readonly udpport: readonly (IndexFn | null | undefined)[];
  readonly udpPriority: Int32Array;
}

const tablesOf = new WeakMap<Registry, IndexTables>();

function buildTables(r: Registry): IndexTables {
  const exact = (table: 'ethertype' | 'ipproto', size: number): (IndexFn | undefined)[] => {
    const a = new Array<IndexFn | undefined>(size).fill(undefined);
    for (const [k, d] of r.entries(table)) if (k >= 0 && k < size) a[k] = d.index;
    return a;
  };
  const ports = (table: 'tcpport' | 'udpport'): [(IndexFn | null | undefined)[], Int32Array] => {
    const a = new Array<IndexFn | null | undefined>(0x10000).fill(undefined);
    const prio = new Int32Array(0x10000);
    for (const [k, e] of r.entries(table)) {
      if (k < 0 || k > 0xffff) continue;
      a[k] = e.dissector.index ?? null;
      prio[k] = e.priority;
    }
    return [a, prio];
  };
  const [tcpport, tcpPriority] = ports('tcpport');
  const [udpport, udpPriority] = ports('udpport');
  return { ethertype: exact('ethertype', 0x10000), ipproto: exact('ipproto', 0x100), tcpport, tcpPriority, udpport, udpPriority };
}

const EMPTY = new Uint8Array(0);

export class IndexContext {
  /** The captured bytes of the packet being indexed. */
  data: Uint8Array = EMPTY;
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

  /** Indexes one packet: resets the sink and runs the index mode of the link type's dissector. */
  frame(data: Uint8Array, linktype: number): void {
    const ix = this.index;
    ix.reset();
    this.data = data;
    if (linktype !== this.linktype) {
      this.linktype = linktype;
      this.link = this.registry.lookup('linktype', linktype);
    }
    const fn = this.link?.index;
    if (!fn) return;
    try {
      fn(this, 0, data.length);
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
      const fn = this.tables.ethertype[key];
      if (!fn) return false;
      fn(this, offset, length);
    }
    return true;
  }

  /** Hands a transport payload to the index mode of the dissector one of its ports selects (Registry.lookupPorts). */
  dispatchPorts(table: 'tcpport' | 'udpport', sport: number, dport: number, offset: number, length: number): boolean {
    const t = this.tables;
    const fns = table === 'tcpport' ? t.tcpport : t.udpport;
    const a = fns[sport];
    const b = fns[dport];
    if (a === undefined && b === undefined) return false;
    const prio = table === 'tcpport' ? t.tcpPriority : t.udpPriority;
    const fn = a !== undefined && b !== undefined ? (prio[sport]! <= prio[dport]! ? a : b) : (a ?? b);
    if (!fn) return false;
    fn(this, offset, length);
    return true;
  }

  /** Unchecked big-endian reads: the caller has checked `offset + n <= data.length`. */
  be16(o: number): number {
    const d = this.data;
    return (d[o]! << 8) | d[o + 1]!;
  }

  be32(o: number): number {
    const d = this.data;
    return ((d[o]! << 24) | (d[o + 1]! << 16) | (d[o + 2]! << 8) | d[o + 3]!) >>> 0;
  }
}
