// Wireshark's default colouring rules (its colorfilters file, in its order: first match
// wins): display filters, the preferences' defaults. The engine compiles whatever list the
// user's preferences hold (engine/workspace/color-rules.ts) and names the rule that matched
// each row; until the page sends the user's list, a new engine colours with this one, which
// is also what the renderer paints from its first frame.

export interface DefaultColorRule {
  readonly name: string;
  /** Wireshark's filter text (the preferences dialog shows it). */
  readonly filter: string;
  /** Foreground and background, #rrggbb (the light theme's; the dark theme derives its own). */
  readonly fg: string;
  readonly bg: string;
}

export const DEFAULT_COLOR_RULES: readonly DefaultColorRule[] = [
  { name: 'Bad TCP', filter: 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack', fg: '#f78787', bg: '#12272e' },
  { name: 'ICMP errors', filter: 'icmp.type in { 3..5 11 } || icmpv6.type in { 1..4 }', fg: '#b7f774', bg: '#12272e' },
  { name: 'ARP', filter: 'arp', fg: '#12272e', bg: '#faf0d7' },
  { name: 'ICMP', filter: 'icmp || icmpv6', fg: '#12272e', bg: '#fce0ff' },
  { name: 'TCP RST', filter: 'tcp.flags.reset eq 1', fg: '#fffc9c', bg: '#a40000' },
  // Wireshark's reads `http || tcp.port == 80 || http2`; Ackline has no HTTP/2 dissector, so no `http2` field.
  { name: 'HTTP', filter: 'http || tcp.port == 80', fg: '#12272e', bg: '#e4ffc7' },
  // Wireshark's reads `tcp.flags & 0x02 || tcp.flags.fin == 1`: the same packets, but the packet
  // index answers flag bits, not the whole flags field (which would dissect every such row again).
  { name: 'TCP SYN/FIN', filter: 'tcp.flags.syn == 1 || tcp.flags.fin == 1', fg: '#12272e', bg: '#a0a0a0' },
  { name: 'DHCP', filter: 'dhcp', fg: '#12272e', bg: '#fff3d6' },
  { name: 'DNS', filter: 'dns', fg: '#12272e', bg: '#d6f5ff' },
  { name: 'TCP', filter: 'tcp', fg: '#12272e', bg: '#e7e6ff' },
  { name: 'UDP', filter: 'udp', fg: '#12272e', bg: '#daeeff' },
  { name: 'Broadcast', filter: 'eth[0] & 1', fg: '#babdb6', bg: '#ffffff' },
];

/** Default filters of earlier releases, stored in users' preferences: read as today's. */
export const RENAMED_DEFAULT_FILTERS: ReadonlyMap<string, string> = new Map([
  ['http || tcp.port == 80 || http2', 'http || tcp.port == 80'],
  ['tcp.flags & 0x02 || tcp.flags.fin == 1', 'tcp.flags.syn == 1 || tcp.flags.fin == 1'],
]);
