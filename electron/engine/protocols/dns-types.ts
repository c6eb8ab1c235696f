// DNS code tables (RFC 1035, RFC 6891 EDNS0 options, RFC 6975 algorithm signalling)
// exactly as tcpdump 4.99.3 names them (print-domain.c / nameser.h of that release:
// e.g. type 104 is "UNSPECA", types 49-98 have no name, algorithm 3 prints "DS").
// Not a dissector: a helper of dns.ts / dns-rr.ts.

export const T_A = 1;
export const T_NS = 2;
export const T_CNAME = 5;
export const T_SOA = 6;
export const T_PTR = 12;
export const T_MX = 15;
export const T_TXT = 16;
export const T_AAAA = 28;
export const T_SRV = 33;
export const T_A6 = 38;
export const T_DNAME = 39;
export const T_OPT = 41;
export const T_UNSPECA = 104;
export const T_TSIG = 250;
export const T_URI = 256;
export const C_IN = 1;

const TYPE_NAMES: readonly string[] = [
  '', 'A', 'NS', 'MD', 'MF', 'CNAME', 'SOA', 'MB', 'MG', 'MR', 'NULL', 'WKS', 'PTR', 'HINFO', 'MINFO', 'MX',
  'TXT', 'RP', 'AFSDB', 'X25', 'ISDN', 'RT', 'NSAP', 'NSAP_PTR', 'SIG', 'KEY', 'PX', 'GPOS', 'AAAA', 'LOC', 'NXT',
  'EID', 'NIMLOC', 'SRV', 'ATMA', 'NAPTR', 'KX', 'CERT', 'A6', 'DNAME', 'SINK', 'OPT', 'APL', 'DS', 'SSHFP',
  'IPSECKEY', 'RRSIG', 'NSEC', 'DNSKEY',
];

const TYPE_NAMES_HIGH = new Map<number, string>([
  [99, 'SPF'], [100, 'UINFO'], [101, 'UID'], [102, 'GID'], [103, 'UNSPEC'], [104, 'UNSPECA'],
  [249, 'TKEY'], [250, 'TSIG'], [251, 'IXFR'], [252, 'AXFR'], [253, 'MAILB'], [254, 'MAILA'], [255, 'ANY'],
  [256, 'URI'],
]);

/** tcpdump's ns_type2str name, or undefined. */
export function typeName(t: number): string | undefined {
  return (t > 0 && t < TYPE_NAMES.length ? TYPE_NAMES[t] : undefined) ?? TYPE_NAMES_HIGH.get(t);
}

/** `A`, `AAAA`, ... or `Type<N>` as tcpdump prints a type. */
export function typeText(t: number): string {
  return typeName(t) ?? `Type${t}`;
}

const CLASS_NAMES = new Map<number, string>([[1, 'IN'], [3, 'CHAOS'], [4, 'HS'], [255, 'ANY']]);

/** `CHAOS`, ... or `(Class <N>)` as tcpdump prints a class. */
export function classText(c: number): string {
  return CLASS_NAMES.get(c) ?? `(Class ${c})`;
}

export const E_NSID = 3;
export const E_DAU = 5;
export const E_DHU = 6;
export const E_N3U = 7;
export const E_ECS = 8;
export const E_EXPIRE = 9;
export const E_COOKIE = 10;
export const E_KEEPALIVE = 11;
export const E_PADDING = 12;
export const E_CHAIN = 13;
export const E_KEYTAG = 14;

export const EDNS_OPT_NAMES = new Map<number, string>([
  [1, 'LLQ'], [2, 'UL'], [3, 'NSID'], [5, 'DAU'], [6, 'DHU'], [7, 'N3U'], [8, 'ECS'], [9, 'EXPIRE'],
  [10, 'COOKIE'], [11, 'KEEPALIVE'], [12, 'PADDING'], [13, 'CHAIN'], [14, 'KEY-TAG'], [16, 'CLIENT-TAG'],
  [17, 'SERVER-TAG'],
]);

/** DNSSEC algorithms (DAU option); tcpdump prints "DS" for DSA. */
export const DAU_ALG_NAMES = new Map<number, string>([
  [0, 'DELETE'], [1, 'RSAMD5'], [2, 'DH'], [3, 'DS'], [5, 'RSASHA1'], [6, 'DSA-NSEC3-SHA1'],
  [7, 'RSASHA1-NSEC3-SHA1'], [8, 'RSASHA256'], [10, 'RSASHA512'], [12, 'ECC-GOST'], [13, 'ECDSAP256SHA256'],
  [14, 'ECDSAP384SHA384'], [15, 'ED25519'], [16, 'ED448'], [252, 'INDIRECT'], [253, 'PRIVATEDNS'],
  [254, 'PRIVATEOID'],
]);

/** DS hash algorithms (DHU option). */
export const DHU_ALG_NAMES = new Map<number, string>([[1, 'SHA-1'], [2, 'SHA-256'], [3, 'GOST_R_34.11-94'], [4, 'SHA-384']]);

/** NSEC3 hash algorithms (N3U option). */
export const N3U_ALG_NAMES = new Map<number, string>([[1, 'SHA-1']]);

/** tcpdump's ns_ops: printed after the id (with its leading space). */
export const NS_OPS: readonly string[] = [
  '', ' inv_q', ' stat', ' op3', ' notify', ' update', ' op6', ' op7',
  ' op8', ' updateA', ' updateD', ' updateDA', ' updateM', ' updateMA', ' zoneInit', ' zoneRef',
];

/** tcpdump's ns_resp, indexed by the (extended) rcode; note its missing spaces at 17 and 21. */
const NS_RESP: readonly string[] = [
  '', ' FormErr', ' ServFail', ' NXDomain', ' NotImp', ' Refused', ' YXDomain', ' YXRRSet',
  ' NXRRSet', ' NotAuth', ' NotZone', ' Resp11', ' Resp12', ' Resp13', ' Resp14', ' NoChange',
  ' BadVers', 'Resp17', ' Resp18', ' Resp19', ' Resp20', 'Resp21', ' Resp22', ' BadCookie',
];

/** ns_rcode: the text for an (extended, up to 12-bit) rcode. */
export function rcodeText(rcode: number): string {
  return NS_RESP[rcode] ?? ` Resp${rcode & 0xfff}`;
}

/** Wireshark's opcode / rcode names, for the detail tree. */
export const WS_OPCODES: readonly string[] = [
  'Standard query', 'Inverse query', 'Server status request', 'Unknown', 'Zone change notification', 'Dynamic update',
];
export const WS_RCODES: readonly string[] = [
  'No error', 'Format error', 'Server failure', 'No such name', 'Not implemented', 'Refused', 'Name exists',
  'RRset exists', 'RRset does not exist', 'Not authoritative', 'Name out of zone',
];
