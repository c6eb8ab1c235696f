// LINKTYPE_* values (what capture files store) -> names, and the few libpcap rules that
// depend on the link type: the DLT_* value it maps to on Linux, the snapshot-length
// adjustment, the largest packet it accepts, and the "reading from file ..." line tcpdump
// prints on stderr.
//
// Names and descriptions are libpcap 1.10.3's pcap_datalink_val_to_name() and
// pcap_datalink_val_to_description() for the DLT the link type maps to; every entry below
// was checked against `tcpdump -r` of a header-only file. Where libpcap has no name
// (USER0..15, DLT 14 on Linux) tcpdump prints the bare number ("link-type 147").

// The link types the dissectors decode, named once (the protocol index registers them).
export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
/** DLT_RAW as most systems number it (12) and as OpenBSD does (14). */
export const DLT_RAW = 12;
export const DLT_RAW_OPENBSD = 14;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LOOP = 108;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

export interface LinktypeInfo {
  readonly linktype: number;
  /** Short name, e.g. "EN10MB"; what tcpdump prints when `namedByLibpcap`. */
  readonly name: string;
  readonly description: string;
  /** false when libpcap 1.10.3 has no name for it, so tcpdump prints "link-type N". */
  readonly namedByLibpcap: boolean;
}

const entry = (linktype: number, name: string, description: string, namedByLibpcap = true): LinktypeInfo => ({
  linktype,
  name,
  description,
  namedByLibpcap,
});

/** The link types the engine knows (those it decodes, and common ones it can name). */
export const LINKTYPES: readonly LinktypeInfo[] = [
  entry(LINKTYPE_NULL, 'NULL', 'BSD loopback'),
  entry(LINKTYPE_ETHERNET, 'EN10MB', 'Ethernet'),
  entry(6, 'IEEE802', 'Token ring'),
  entry(8, 'SLIP', 'SLIP'),
  entry(9, 'PPP', 'PPP'),
  entry(10, 'FDDI', 'FDDI'),
  // DLT_RAW is 12 on Linux and most systems, 14 on OpenBSD; files may carry either, and
  // LINKTYPE_RAW (101) is the portable value. libpcap on Linux has no name for 14 (and
  // tcpdump 4.99 refuses it: "unknown data link type 14").
  entry(DLT_RAW, 'RAW', 'Raw IP'),
  entry(DLT_RAW_OPENBSD, 'RAW', 'Raw IP', false),
  entry(50, 'PPP_SERIAL', 'PPP over serial'),
  entry(51, 'PPP_ETHER', 'PPPoE'),
  entry(LINKTYPE_RAW, 'RAW', 'Raw IP'),
  entry(104, 'C_HDLC', 'Cisco HDLC'),
  entry(105, 'IEEE802_11', '802.11'),
  entry(LINKTYPE_LOOP, 'LOOP', 'OpenBSD loopback'),
  entry(LINKTYPE_LINUX_SLL, 'LINUX_SLL', 'Linux cooked v1'),
  entry(127, 'IEEE802_11_RADIO', '802.11 plus radiotap header'),
  ...Array.from({ length: 16 }, (_, i) => entry(147 + i, `USER${i}`, `User ${i}`, false)),
  entry(192, 'PPI', 'Per-Packet Information'),
  entry(220, 'USB_LINUX_MMAPPED', 'USB with padded Linux header'),
  entry(LINKTYPE_IPV4, 'IPV4', 'Raw IPv4'),
  entry(LINKTYPE_IPV6, 'IPV6', 'Raw IPv6'),
  entry(231, 'DBUS', 'D-Bus'),
  entry(249, 'USBPCAP', 'USB with USBPcap header'),
  entry(LINKTYPE_LINUX_SLL2, 'LINUX_SLL2', 'Linux cooked v2'),
  entry(279, 'EBHSCR', 'Elektrobit High Speed Capture and Replay (EBHSCR)'),
];

const byLinktype = new Map<number, LinktypeInfo>(LINKTYPES.map((e) => [e.linktype, e]));

export function linktypeInfo(linktype: number): LinktypeInfo | undefined {
  return byLinktype.get(linktype);
}

/** libpcap's MAXIMUM_SNAPLEN: the largest packet it accepts for most link types. */
export const MAXIMUM_SNAPLEN = 262144;

/**
 * libpcap's linktype_to_dlt() on Linux, for the values where they differ. Only matters for
 * libpcap's own checks (a second pcapng IDB is compared with the *mapped* type of the first).
 */
export function linktypeToDlt(linktype: number): number {
  switch (linktype) {
    case 100: return 11; // ATM_RFC1483
    case LINKTYPE_RAW: return DLT_RAW;
    case 102: return 15; // SLIP_BSDOS
    case 103: return 16; // PPP_BSDOS
    case 106: return 19; // ATM_CLIP
    default: return linktype;
  }
}

/** libpcap's max_snaplen_for_dlt(): packets larger than this are refused as damaged. */
export function maxSnaplenForLinktype(linktype: number): number {
  switch (linktypeToDlt(linktype)) {
    case 231: return 128 * 1024 * 1024; // DBUS
    case 279: return 8 * 1024 * 1024; // EBHSCR
    case 249: return 1024 * 1024; // USBPCAP
    default: return MAXIMUM_SNAPLEN;
  }
}

/**
 * libpcap 1.10's pcap_adjust_snapshot(): a snapshot length of 0, or one that does not fit a
 * C int, is replaced by the link type's maximum; anything else is kept, even when larger
 * than that maximum (a header saying 8400944 is printed as such).
 */
export function libpcapSnapshot(linktype: number, snaplen: number): number {
  return snaplen === 0 || snaplen > 0x7fffffff ? maxSnaplenForLinktype(linktype) : snaplen;
}

/** "EN10MB (Ethernet)" or, for a link type libpcap cannot name, "147". */
export function tcpdumpLinktypeName(linktype: number): string {
  const dlt = linktypeToDlt(linktype);
  const info = byLinktype.get(dlt);
  return info?.namedByLibpcap ? `${info.name} (${info.description})` : String(dlt);
}

/** Kuznetzov's patched pcap format (magic a1b2cd34). */
const KUZNETZOV_MAGIC = 0xa1b2cd34;

/**
 * The stderr line tcpdump 4.99 prints once a file is open, e.g.
 * "reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 262144".
 * `linktype`/`snaplen` are the raw values of the pcap header or of the first pcapng IDB;
 * `pcapMagic` (FileInfo.pcapHeader.magic) matters only for Kuznetzov's format, whose
 * Ethernet snapshot length libpcap raises by 14 (room for a fake Ethernet header).
 */
export function tcpdumpReadingLine(fileName: string, linktype: number, snaplen: number, pcapMagic?: number): string {
  let snapshot = libpcapSnapshot(linktype, snaplen);
  if (pcapMagic === KUZNETZOV_MAGIC && linktypeToDlt(linktype) === LINKTYPE_ETHERNET) snapshot = Math.min(snapshot + 14, 0x7fffffff);
  return `reading from file ${fileName}, link-type ${tcpdumpLinktypeName(linktype)}, snapshot length ${snapshot}`;
}
