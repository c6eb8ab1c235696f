// What the filter knows about a field: its Wireshark name and value type (Wireshark's
// ftypes, reduced to the ones our decoders produce), and where its values come from.

export type FieldType =
  /** A protocol (FT_PROTOCOL): present or not; its bytes for contains/matches/slices. */
  | 'protocol'
  /** A label or subtree without a value (FT_NONE): present or not. */
  | 'none'
  | 'uint'
  | 'int'
  | 'bool'
  /** Seconds with a fraction (relative times, epoch time). */
  | 'float'
  | 'ipv4'
  | 'ipv6'
  | 'ether'
  | 'string'
  | 'bytes';

/**
 * Where a field's values come from when the packet's tree is at hand:
 * - tree: nodes of that name in the detail tree;
 * - alias: the nodes of other fields, in tree order (ip.addr = ip.src or ip.dst);
 * - index: computed from the capture index (tcp.stream, tcp.analysis.*, frame times),
 *   because they depend on other packets and the per-packet tree does not carry them.
 */
export type FieldSource = { readonly kind: 'tree' } | { readonly kind: 'alias'; readonly of: readonly string[] } | { readonly kind: 'index' };

export interface FieldDef {
  readonly name: string;
  readonly type: FieldType;
  readonly source: FieldSource;
}

/** One table row: name, type, and for aliases the fields it stands for. */
export type FieldRow = readonly [name: string, type: FieldType, from?: 'index' | readonly string[]];

export const TYPE_NAMES: Record<FieldType, string> = {
  protocol: 'a protocol',
  none: 'a label',
  uint: 'an unsigned integer',
  int: 'a signed integer',
  bool: 'a boolean',
  float: 'a time in seconds',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  ether: 'an Ethernet address',
  string: 'a character string',
  bytes: 'a byte sequence',
};
