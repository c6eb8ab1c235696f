import type { DissectContext } from './dissect-context.js';
import type { FieldDecl } from './field-decl.js';
import type { IndexContext } from './index-context.js';

/**
 * The one interface every protocol implements (one file per protocol in
 * `protocols/`). A dissector prints its part of the tcpdump line into the context,
 * adds its detail-tree nodes when the context has a tree, records facts for the
 * columns and flows, and hands the payload on through the registry tables: a
 * protocol never imports another protocol.
 *
 * Reads go through `ctx.frame` (bounds-checked); a read past the captured bytes
 * throws `Truncated`, which the driver turns into tcpdump's ` [|proto]`. The index mode
 * (`index`) checks lengths itself and never throws: it runs for every packet of a file.
 */
export interface Dissector {
  /** Short lower-case name: tcpdump's ndo_protocol (printed in ` [|name]`) and the tree root field. */
  readonly name: string;
  /**
   * Dissects the layer starting at `offset`; `length` is the length the layer below
   * declares for it (may exceed the captured bytes).
   */
  dissect(ctx: DissectContext, offset: number, length: number): void;
  /**
   * The fields this dissector puts in the tree, as data (Wireshark's hf_register_info): the
   * display filter, its completion and the status bar know a field only from here.
   */
  readonly fields?: readonly FieldDecl[];
  /**
   * Index mode: the numbers the capture index keeps (ctx.index) for the layer at `offset`,
   * without tree, strings or exceptions; hands on through ctx.dispatch. Only the layers on
   * the way to indexed fields have one.
   */
  index?(ctx: IndexContext, offset: number, length: number): void;
  /**
   * Its payload is another link or network layer (a tunnel reached through a port). The index
   * keeps a packet's outermost layers only, so it cannot say what such a packet's tree holds
   * below the tunnel: the filter dissects those packets.
   */
  readonly tunnel?: boolean;
}

/** Tables a dissector hands its payload on through. */
export type DispatchTable = 'linktype' | 'ethertype' | 'ipproto' | 'tcpport' | 'udpport';
