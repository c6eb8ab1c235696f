// "Physical (MAC) addresses" name resolution: `IntelCor_cc:e5:46` for 00:15:17:cc:e5:46, as
// Wireshark's -N m shows it: a well-known address by its name (Broadcast, IPv6mcast_16),
// otherwise the vendor's short name from the IEEE OUI registry and the last three bytes.
// The registry (the oui-data package, 5 MB of JSON) is read the first time a name is asked
// for, through a loader the host supplies: the engine itself imports no file system.
import { shortVendor } from './short-vendor.js';

/** OUI (6 upper-case hex digits) -> the organisation's registry entry ("NAME\naddress…"). */
export type OuiTable = Readonly<Record<string, string>>;
export type OuiLoader = () => OuiTable;

/** Well-known addresses and groups (Wireshark's `wka`), longest prefix first: [prefix bits, address, name]. */
const WELL_KNOWN: readonly (readonly [number, string, string])[] = [
  [48, 'ff:ff:ff:ff:ff:ff', 'Broadcast'],
  [48, '33:33:00:00:00:00', 'IPv6-Neighbor-Discovery'],
  [40, '00:00:0c:07:ac:00', 'All-HSRP-routers'],
  [40, '00:00:5e:00:01:00', 'IETF-VRRP-VRID'],
  [48, '01:80:c2:00:00:0e', 'LLDP_Multicast'],
  [44, '01:80:c2:00:00:00', 'Spanning-tree-(for-bridges)'],
  [25, '01:00:5e:00:00:00', 'IPv4mcast'],
  [16, '33:33:00:00:00:00', 'IPv6mcast'],
];

/**
 * Short names Wireshark's manuf file sets by hand where the rule would give another (the
 * virtual machines' NICs among them: QEMU's 52:54:00, VirtualBox's 08:00:27).
 */
const SHORT_OVERRIDES: Readonly<Record<string, string>> = { '000000': '00:00:00', '525400': 'RealtekU', '080027': 'PcsCompu', '006094': 'AmdPcnet' };

function bytesOf(mac: string): number[] | null {
  const parts = mac.split(':');
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) return null;
  return parts.map((p) => parseInt(p, 16));
}

function matches(addr: readonly number[], prefix: readonly number[], bits: number): boolean {
  for (let b = 0; b < bits; b++) {
    const mask = 0x80 >> b % 8;
    if (((addr[b >> 3] ?? 0) & mask) !== ((prefix[b >> 3] ?? 0) & mask)) return false;
  }
  return true;
}

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');

export class MacNames {
  private vendors: Map<string, string> | null = null;
  private readonly cache = new Map<string, string>();

  constructor(private readonly load: OuiLoader) {}

  /** The resolved name of `mac` (aa:bb:cc:dd:ee:ff), or the address itself when none is known. */
  name(mac: string): string {
    let n = this.cache.get(mac);
    if (n === undefined) {
      n = this.resolve(mac);
      this.cache.set(mac, n);
    }
    return n;
  }

  private resolve(mac: string): string {
    const addr = bytesOf(mac);
    if (!addr) return mac;
    for (const [bits, prefix, name] of WELL_KNOWN) {
      const p = bytesOf(prefix)!;
      if (!matches(addr, p, bits)) continue;
      if (bits === 48) return name;
      // Wireshark looks masked names up longest mask first, keyed by the masked address
      // alone, so zero bytes after the prefix fall into it: 33:33:00:00:00:16 is IPv6mcast_16.
      let from = bits >> 3;
      while (from < 5 && addr[from] === 0) from++;
      return `${name}_${addr.slice(from).map(hex2).join(':')}`;
    }
    const vendor = this.vendor(mac.slice(0, 8).replaceAll(':', '').toUpperCase());
    return vendor === undefined ? mac : `${vendor}_${mac.slice(9).toLowerCase()}`;
  }

  private vendor(oui: string): string | undefined {
    if (!this.vendors) {
      const table = this.load();
      this.vendors = new Map();
      for (const [k, v] of Object.entries(table)) this.vendors.set(k, v);
    }
    const override = SHORT_OVERRIDES[oui];
    if (override !== undefined) return override;
    const entry = this.vendors.get(oui);
    if (entry === undefined) return undefined;
    return shortVendor(entry.split('\n', 1)[0] ?? entry);
  }
}
