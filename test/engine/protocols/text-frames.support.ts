// Builds TCP segments that carry a given text, for the line-based protocols (HTTP, RTSP, FTP,
// SMTP, WHOIS, SSH): the real GET of tcp-http-curl.pcap (frame 6) with its ports and payload
// replaced, and its IP total length and both checksums rebuilt, so that only the application
// bytes differ from a captured segment.
import { GET } from './tcp-conversation.support.js';
import { concat } from './link-transport.support.js';

function checksum(b: Uint8Array, initial = 0): number {
  let s = initial;
  for (let i = 0; i < b.length; i += 2) s += (b[i]! << 8) | (b[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** Latin-1 bytes of a string (every char code below 256). */
export function bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/**
 * The curl GET segment (192.0.2.10 -> 192.0.2.20, header with nop,nop,TS) with ports `sport`
 * and `dport` and the given payload.
 */
export function segment(sport: number, dport: number, payload: Uint8Array | string): Uint8Array {
  const data = typeof payload === 'string' ? bytes(payload) : payload;
  const f = concat(GET.subarray(0, 66), data);
  f[16] = (f.length - 14) >> 8;
  f[17] = (f.length - 14) & 0xff;
  f[24] = f[25] = 0;
  const ipSum = checksum(f.subarray(14, 34));
  f[24] = ipSum >> 8;
  f[25] = ipSum & 0xff;
  f[34] = sport >> 8;
  f[35] = sport & 0xff;
  f[36] = dport >> 8;
  f[37] = dport & 0xff;
  f[50] = f[51] = 0;
  let pseudo = 0;
  for (let i = 26; i < 34; i += 2) pseudo += (f[i]! << 8) | f[i + 1]!;
  const sum = checksum(f.subarray(34), pseudo + 6 + (f.length - 34));
  f[50] = sum >> 8;
  f[51] = sum & 0xff;
  return f;
}

/** tcpdump's line for such a segment, up to and including `length N` (the prefix every case shares). */
export function segmentPrefix(sport: number, dport: number, payloadLength: number): string {
  return `IP 192.0.2.10.${sport} > 192.0.2.20.${dport}: Flags [P.], seq 2752494995:${2752494995 + payloadLength}, ack 539270939, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length ${payloadLength}`;
}
