import { Frame } from '../bytes/frame.js';
import type { DispatchTable, Dissector } from './dissector.js';
import type { ExpertInfo } from './field-node.js';
import { emptyFacts, type NetworkLayer, type PacketFacts } from './layer-info.js';
import type { PrintOptions } from './print-options.js';
import type { Registry } from './registry.js';
import type { TreeBuilder } from './tree-builder.js';

/** Where the frame came from: what the link layer printers may need. */
export interface FrameMeta {
  /** 1-based frame number. */
  readonly number: number;
  readonly linktype: number;
  /** pcapng epb_flags (direction bits), when present. */
  readonly epbFlags?: number;
  /** Names of interfaces by index, for SLL2's interface column (tcpdump looks them up on the reading host). */
  readonly interfaceName?: (ifindex: number) => string;
}

/**
 * Everything a dissector works with for one frame: the bounds-checked bytes, the
 * tcpdump line being written, the optional detail tree, facts for columns and flows,
 * the dispatch tables, and state kept across frames (TCP relative sequence numbers).
 */
const NO_EXPERTS: ExpertInfo[] = [];

export class DissectContext {
  /** The tcpdump line written so far (without timestamp). */
  out = '';
  /** tcpdump's ndo_protocol: the name printed in ` [|name]` when a read runs past the capture. */
  protocol = '';
  facts: PacketFacts = emptyFacts();
  /**
   * The IP layer the payload being dissected sits in (innermost so far). IP printers
   * set it before dispatching and restore it after; TCP/UDP read it for addresses
   * and the pseudo-header. `facts.ip` keeps the outermost one for columns and flows.
   */
  ip: NetworkLayer | null = null;
  /** Problems found, in order (also attached to the tree when there is one). */
  experts: ExpertInfo[] = NO_EXPERTS;

  constructor(
    readonly frame: Frame,
    public meta: FrameMeta,
    readonly registry: Registry,
    readonly opts: PrintOptions,
    readonly state: Map<string, unknown>,
    public tree: TreeBuilder | null,
  ) {}

  /** Starts a new frame (the driver reuses one context on the fast path). */
  load(meta: FrameMeta, tree: TreeBuilder | null): void {
    this.meta = meta;
    this.tree = tree;
    this.out = '';
    this.protocol = '';
    this.facts = emptyFacts();
    this.ip = null;
    this.experts = NO_EXPERTS;
  }

  print(s: string): void {
    this.out += s;
  }

  /** tcpdump's nd_print_trunc: ` [|proto]`. */
  printTrunc(): void {
    this.out += ` [|${this.protocol}]`;
    this.facts.truncated = true;
  }

  /** tcpdump's nd_print_invalid: ` (invalid)`; also marks the frame malformed. */
  printInvalid(): void {
    this.out += ' (invalid)';
    this.markMalformed('invalid');
  }

  markMalformed(message: string, offset = 0, length = 0): void {
    this.facts.malformed = true;
    this.addExpert({ severity: 'error', group: 'malformed', message: `[Malformed Packet: ${this.protocol}] ${message}` }, offset, length);
  }

  addExpert(info: ExpertInfo, offset = 0, length = 0): void {
    if (this.experts === NO_EXPERTS) this.experts = [];
    this.experts.push(info);
    this.tree?.expert(info, offset, length);
  }

  /** Per-protocol state kept across the frames of one capture. */
  stateFor<T>(key: string, init: () => T): T {
    let v = this.state.get(key) as T | undefined;
    if (v === undefined) {
      v = init();
      this.state.set(key, v);
    }
    return v;
  }

  /**
   * Hands `length` bytes at `offset` to the dissector registered for `key`.
   * Returns false (and prints nothing) when no dissector is registered.
   */
  dispatch(table: Exclude<DispatchTable, 'tcpport' | 'udpport'>, key: number, offset: number, length: number): boolean {
    const d = this.registry.lookup(table, key);
    if (!d) return false;
    this.runDissector(d, offset, length);
    return true;
  }

  /** Hands a transport payload to the dissector registered for one of its ports. */
  dispatchPorts(table: 'tcpport' | 'udpport', sport: number, dport: number, offset: number, length: number): boolean {
    const d = this.registry.lookupPorts(table, sport, dport);
    if (!d) return false;
    this.runDissector(d, offset, length);
    return true;
  }

  /** Runs a dissector by name, setting ndo_protocol for it and restoring the caller's afterwards. */
  run(name: string, offset: number, length: number): boolean {
    const d = this.registry.byNameOf(name);
    if (!d) return false;
    this.runDissector(d, offset, length);
    return true;
  }

  runDissector(d: Dissector, offset: number, length: number): void {
    const saved = this.protocol;
    this.protocol = d.name;
    this.facts.layers.push(d.name);
    d.dissect(this, offset, length);
    this.protocol = saved;
  }

}

export { Frame };
