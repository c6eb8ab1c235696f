// What the filter knows about a field: its Wireshark name and value type (Wireshark's
// ftypes, reduced to the ones our decoders produce), and where its values come from. All of
// it is read from the field's declaration (dissect/field-decl.ts).
import type { FieldDecl, FieldType } from '../dissect/field-decl.js';

export type { FieldType };

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
  /** The declaration: display name, base, bitmask, value strings, whether it is indexed. */
  readonly decl: FieldDecl;
}

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
