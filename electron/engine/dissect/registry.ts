import type { DispatchTable, Dissector } from './dissector.js';

export interface PortEntry {
  readonly dissector: Dissector;
  /** Lower runs first when both ports of a packet are known (tcpdump's if/else order). */
  readonly priority: number;
}

/**
 * Dispatch tables (link type, ethertype, IP protocol, TCP/UDP ports), filled by the
 * explicit protocol index: no registration by import side effect.
 */
export class Registry {
  private readonly exact: Record<Exclude<DispatchTable, 'tcpport' | 'udpport'>, Map<number, Dissector>> = {
    linktype: new Map(),
    ethertype: new Map(),
    ipproto: new Map(),
  };
  private readonly ports: Record<'tcpport' | 'udpport', Map<number, PortEntry>> = {
    tcpport: new Map(),
    udpport: new Map(),
  };
  private readonly byName = new Map<string, Dissector>();

  register(table: DispatchTable, key: number, dissector: Dissector, priority = 100): this {
    this.byName.set(dissector.name, dissector);
    if (table === 'tcpport' || table === 'udpport') this.ports[table].set(key, { dissector, priority });
    else this.exact[table].set(key, dissector);
    return this;
  }

  /** Registers a dissector reachable only by name (e.g. heuristics, or a caller that knows it). */
  named(dissector: Dissector): this {
    this.byName.set(dissector.name, dissector);
    return this;
  }

  lookup(table: Exclude<DispatchTable, 'tcpport' | 'udpport'>, key: number): Dissector | undefined {
    return this.exact[table].get(key);
  }

  /** The dissector for a transport packet, preferring the higher-priority port as tcpdump's printers do. */
  lookupPorts(table: 'tcpport' | 'udpport', sport: number, dport: number): Dissector | undefined {
    const m = this.ports[table];
    return pick(m.get(sport), m.get(dport));
  }

  /** The entries of a table, for code that lays it out differently (the index mode's arrays). */
  entries(table: 'ethertype' | 'ipproto'): [number, Dissector][];
  entries(table: 'tcpport' | 'udpport'): [number, PortEntry][];
  entries(table: 'ethertype' | 'ipproto' | 'tcpport' | 'udpport'): [number, Dissector | PortEntry][] {
    return table === 'tcpport' || table === 'udpport' ? [...this.ports[table]] : [...this.exact[table]];
  }

  byNameOf(name: string): Dissector | undefined {
    return this.byName.get(name);
  }

  /** Every dissector, in the order it was first registered (the field registry reads their fields). */
  dissectors(): Dissector[] {
    return [...this.byName.values()];
  }

  /** True when the dissector is reached through a TCP or UDP port (an application protocol). */
  onPorts(d: Dissector): boolean {
    for (const m of Object.values(this.ports)) for (const e of m.values()) if (e.dissector === d) return true;
    return false;
  }
}

/** Of the entries of a packet's two ports, the one tcpdump's printer tests first. */
export function pick(a: PortEntry | undefined, b: PortEntry | undefined): Dissector | undefined {
  if (a && b) return a.priority <= b.priority ? a.dissector : b.dissector;
  return (a ?? b)?.dissector;
}
