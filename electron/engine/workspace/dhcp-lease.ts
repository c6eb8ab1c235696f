// The lease time a DHCP OFFER or ACK grants (option 51), found in the packet's detail tree:
// the one fact of a DHCP transaction the capture index does not keep.
import type { FieldNodeDto } from '../../shared/dto.js';

/** Seconds of the first "IP Address Lease Time" in the tree, undefined when there is none. */
export function leaseIn(nodes: readonly FieldNodeDto[] | undefined): number | undefined {
  for (const n of nodes ?? []) {
    if (n.field.endsWith('.ip_address_lease_time') && typeof n.value === 'number') return n.value;
    const inner = leaseIn(n.children);
    if (inner !== undefined) return inner;
  }
  return undefined;
}
