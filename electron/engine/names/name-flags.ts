// Which names are resolved (View → Name Resolution; tshark's -N letters). All off is -n.

export interface NameFlags {
  /** Physical (MAC) addresses: vendor short names and well-known addresses. */
  readonly mac: boolean;
  /** Transport names: TCP/UDP port service names. */
  readonly transport: boolean;
  /** Network names: IP addresses named by DNS answers in the capture. */
  readonly network: boolean;
}

export const NO_NAMES: NameFlags = { mac: false, transport: false, network: false };

export const anyNames = (f: NameFlags): boolean => f.mac || f.transport || f.network;

/**
 * tshark's -N letters. m and t as above; addresses are named from the capture's DNS packets
 * with n and d together, as tshark 4.0 does (n alone asks the system's resolvers, which
 * Ackline never does, so it names nothing). N (external resolvers) and v (VLAN names) are
 * accepted and do nothing: Ackline never queries the network and has no VLAN names file.
 */
export function parseNameFlags(letters: string): NameFlags {
  const bad = [...letters].find((c) => !'mntdNv'.includes(c));
  if (bad !== undefined) throw new Error(`-N: unknown name resolution flag '${bad}' (known: m, n, t, d, N, v)`);
  return { mac: letters.includes('m'), transport: letters.includes('t'), network: letters.includes('n') && letters.includes('d') };
}
