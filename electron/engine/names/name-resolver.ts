// electron/engine/names/: name resolution (MAC vendors, port services, hosts from the capture's DNS answers), for `ackline tshark -N` and View → Name Resolution.
// Resolves the names the user turned on, for the packet list's Source/Destination columns,
// the Info column's ports and the detail tree, the way Wireshark shows them: an address or
// port field reads `name (value)` (the field's value stays the number or address, so filters
// and -T fields are unchanged), and an unresolved one `value (value)`, as tshark -N prints it.
import type { FieldNode } from '../dissect/field-node.js';
import { WS_FIELD_TYPES } from '../tshark/ws-field-types.js';
import { DnsHosts } from './dns-hosts.js';
import type { MacNames } from './mac-names.js';
import { NO_NAMES, type NameFlags } from './name-flags.js';
import { portName } from './port-names.js';

const FTYPE = new Map(WS_FIELD_TYPES.map(([name, ftype]) => [name, ftype]));
const PORT_FIELDS: Readonly<Record<string, 'tcp' | 'udp'>> = { 'tcp.srcport': 'tcp', 'tcp.dstport': 'tcp', 'udp.srcport': 'udp', 'udp.dstport': 'udp' };
/** Protocol lines that repeat their addresses or ports: `Src: a, Dst: b`, `Src Port: 1, Dst Port: 2`. */
const SUMMARY_PAIRS: Readonly<Record<string, readonly [string, string]>> = {
  eth: ['eth.src', 'eth.dst'],
  ip: ['ip.src', 'ip.dst'],
  ipv6: ['ipv6.src', 'ipv6.dst'],
  tcp: ['tcp.srcport', 'tcp.dstport'],
  udp: ['udp.srcport', 'udp.dstport'],
};
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;

export class NameResolver {
  readonly hosts = new DnsHosts();

  constructor(
    readonly flags: NameFlags = NO_NAMES,
    private readonly macs: MacNames | null = null,
  ) {}

  /** Learns host names from a packet's DNS records (call in file order, before showing it). */
  learn(tree: readonly FieldNode[]): void {
    if (this.flags.network) this.hosts.learn(tree);
  }

  /** An address for the Source/Destination columns: resolved if its kind is on, else as is. */
  address(a: string): string {
    if (MAC.test(a)) return this.flags.mac && this.macs ? this.macs.name(a.toLowerCase()) : a;
    return (this.flags.network && this.hosts.name(a)) || a;
  }

  /** A port as Wireshark's Info column writes it: `domain(53)`, or the number. */
  port(transport: 'tcp' | 'udp', port: number | string): string {
    const name = this.flags.transport ? portName(transport, Number(port)) : undefined;
    return name === undefined ? String(port) : `${name}(${port})`;
  }

  /** A field value's resolved text, or undefined when that kind of name is off (shown as is). */
  private fieldName(field: string, value: string | number | boolean | undefined): string | undefined {
    if (value === undefined || typeof value === 'boolean') return undefined;
    const transport = PORT_FIELDS[field];
    if (transport) return this.flags.transport ? (portName(transport, Number(value)) ?? String(value)) : undefined;
    const ftype = FTYPE.get(field);
    if (ftype === 'FT_ETHER') return this.flags.mac && this.macs ? this.macs.name(String(value).toLowerCase()) : undefined;
    if (ftype === 'FT_IPv4' || ftype === 'FT_IPv6') return this.flags.network ? (this.hosts.name(String(value)) ?? String(value)) : undefined;
    return undefined;
  }

  /** A copy of the tree whose address and port labels read `name (value)`; the tree itself when all is off. */
  tree(nodes: readonly FieldNode[]): FieldNode[] {
    if (!this.flags.mac && !this.flags.transport && !this.flags.network) return [...nodes];
    return nodes.map((n) => this.node(n));
  }

  private node(n: FieldNode): FieldNode {
    let label = n.label;
    const name = this.fieldName(n.field, n.value);
    const plain = `: ${String(n.value)}`;
    if (name !== undefined && label.endsWith(plain)) label = `${label.slice(0, -plain.length)}: ${name} (${String(n.value)})`;
    const pair = SUMMARY_PAIRS[n.field];
    if (pair && n.children) label = this.summary(label, n.children, pair);
    const out: FieldNode = { ...n, label };
    if (n.children) out.children = n.children.map((c) => this.node(c));
    return out;
  }

  /** `…, Src: a, Dst: b` / `Src Port: 1, Dst Port: 2` with each resolved value. */
  private summary(label: string, children: readonly FieldNode[], [srcField, dstField]: readonly [string, string]): string {
    for (const [field, key] of [[srcField, 'Src'], [dstField, 'Dst']] as const) {
      const c = children.find((x) => x.field === field);
      const name = c && this.fieldName(field, c.value);
      if (!c || name === undefined) continue;
      const isPort = field.endsWith('port');
      // Wireshark's port summary puts a space before the number: `Src Port: domain (53)`.
      const tag = `${key}${isPort ? ' Port' : ''}: ${String(c.value)}`;
      const at = label.indexOf(tag);
      const after = label[at + tag.length];
      if (at < 0 || (after !== undefined && after !== ',')) continue;
      label = `${label.slice(0, at)}${key}${isPort ? ' Port' : ''}: ${name} (${String(c.value)})${label.slice(at + tag.length)}`;
    }
    return label;
  }
}
