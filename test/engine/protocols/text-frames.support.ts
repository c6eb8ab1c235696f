// Builds TCP segments that carry a given text, for the line-based protocols (HTTP, RTSP, FTP,
// SMTP, WHOIS, SSH): the real GET of tcp-http-curl.pcap (frame 6) with its ports and payload
// replaced, and its IP total length and both checksums rebuilt, so that only the application
// bytes differ from a captured segment.
import { GET } from './tcp-conversation.support.js';
import { expect, it } from 'vitest';
import { concat, cutEverywhere, dissect, expectTcpdumpCuts, line } from './link-transport.support.js';
import { rebuildIpv4Tcp } from './packet-builder.support.js';


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
  f[34] = sport >> 8;
  f[35] = sport & 0xff;
  f[36] = dport >> 8;
  f[37] = dport & 0xff;
  return rebuildIpv4Tcp(f);
}

/** tcpdump's line for such a segment, up to and including `length N` (the prefix every case shares). */
export function segmentPrefix(sport: number, dport: number, payloadLength: number): string {
  return `IP 192.0.2.10.${sport} > 192.0.2.20.${dport}: Flags [P.], seq 2752494995:${2752494995 + payloadLength}, ack 539270939, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length ${payloadLength}`;
}

/** A segment from `sport` to `dport` carrying `payload`, and what tcpdump prints after `length N`. */
export type TextCase = readonly [sport: number, dport: number, payload: string, want: string];

export interface TextProtocolSpec {
  /** Our layer name, also the name of tcpdump's reference outputs ('ftp'). */
  readonly name: string;
  /** The protocol column, and the case that sets it. */
  readonly column: readonly [index: number, protocol: string];
  readonly cases: readonly TextCase[];
  /** A case printed at -v, and the lines it prints after the summary. */
  readonly verbose: readonly [index: number, lines: readonly string[]];
  /** The cases cut at every length, against tcpdump too. */
  readonly cuts: readonly number[];
}

/**
 * The tests every protocol printed by tcpdump's txtproto_print shares (FTP, SMTP, WHOIS, RTSP):
 * each case's summary line, every line at -v, the protocol column and layers, and tcpdump's
 * output for every case at -n and -v and for every truncation of the cut cases. Call it
 * inside a describe; it answers the cases' frames for the protocol's own tests.
 */
export function textProtocolTests(s: TextProtocolSpec): Uint8Array[] {
  const frames = s.cases.map(([sport, dport, payload]) => segment(sport, dport, payload));
  it.each(s.cases.map(([sport, dport, payload, want], i) => [`${sport} > ${dport} ${JSON.stringify(payload).slice(0, 30)}`, want, i] as const))('%s', (_n, want, i) => {
    const [sport, dport] = s.cases[i]!;
    const f = frames[i]!;
    expect(line(f)).toBe(segmentPrefix(sport, dport, f.length - 66) + want);
  });

  it('prints every line at -v', () => {
    const [i, lines] = s.verbose;
    expect(line(frames[i]!, { verbose: 1 }).split('\n').slice(2)).toEqual(lines);
  });

  it('sets the protocol column', () => {
    const [i, protocol] = s.column;
    expect(dissect(frames[i]!).facts.protocol).toBe(protocol);
    expect(dissect(frames[i]!).facts.layers).toEqual(['ether', 'ip', 'tcp', s.name]);
  });

  it('matches tcpdump for every case at -n and -v, and for every truncation', () => {
    const cut = s.cuts.map((i) => frames[i]!);
    expectTcpdumpCuts(s.name, 1, frames, [], 0);
    expectTcpdumpCuts(s.name, 1, frames, ['-v'], 0);
    expectTcpdumpCuts(`${s.name}-cuts`, 1, cut);
    for (const f of cut) cutEverywhere(f);
  });
  return frames;
}
