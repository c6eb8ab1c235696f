// "Network names" learned from the capture itself: every A and AAAA record of the DNS
// responses read so far (answers, authority and additional sections), never a lookup on
// the network. As in Wireshark the latest record for an address wins, and a response names
// its own addresses already (tshark -N nd shows the server's name on the response itself).
import type { FieldNode } from '../dissect/field-node.js';

export class DnsHosts {
  private readonly names = new Map<string, string>();

  /** Learns the A/AAAA records of a packet's DNS messages (its detail tree). */
  learn(tree: readonly FieldNode[]): void {
    for (const n of tree) if (n.field === 'dns' || n.field === 'mdns') this.walk(n);
  }

  private walk(node: FieldNode): void {
    for (const c of node.children ?? []) {
      if (c.field === 'dns.rr') this.record(c);
      else if (c.children) this.walk(c);
    }
  }

  private record(rr: FieldNode): void {
    let name: string | undefined;
    for (const c of rr.children ?? []) {
      if (c.field === 'dns.resp.name' && typeof c.value === 'string') name = c.value;
      else if ((c.field === 'dns.a' || c.field === 'dns.aaaa') && typeof c.value === 'string' && name) this.names.set(c.value, name);
    }
  }

  /** The name learned for `address`, if any. */
  name(address: string): string | undefined {
    return this.names.get(address);
  }

  get size(): number {
    return this.names.size;
  }
}
