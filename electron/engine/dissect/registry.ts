import type { DispatchTable, Dissector } from './dissector.js';

interface PortEntry {
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
    const a = m.get(sport);
    const b = m.get(dport);
    if (a && b) return a.priority <= b.priority ? a.dissector : b.dissector;
    return (a ?? b)?.dissector;
  }

  byNameOf(name: string): Dissector | undefined {
    return this.byName.get(name);
  }
}
