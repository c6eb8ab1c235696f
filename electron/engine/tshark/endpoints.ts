// Statistics > Endpoints, and `tshark -q -z endpoints,TYPE[,FILTER]` (TYPE eth, ip, ipv6,
// tcp, udp): per address (and port), packets and bytes sent (Tx) and received (Rx); listed
// by packets, most first, ties in order of appearance (a packet's source before its
// destination), as tshark 4.0's ui/cli/tap-endpoints.c prints them.
import type { CompiledFilter } from '../filter/compile-filter.js';
import { padLeft, padRight } from './c-format.js';
import { byTotalFrames, CONV_TITLES } from './conversations.js';
import { packetEnds, type ConvKind, type PacketEnds } from './packet-addresses.js';
import { tapMatches, type DrawContext, type Tap, type TapPacket } from './tap.js';

export interface EndpointRow {
  readonly address: string;
  /** TCP/UDP port, 0 otherwise. */
  readonly port: number;
  txFrames: number;
  txBytes: number;
  rxFrames: number;
  rxBytes: number;
}

export class EndpointTap implements Tap {
  private readonly rows: EndpointRow[] = [];
  private readonly byKey = new Map<string, EndpointRow>();

  constructor(
    readonly kind: ConvKind,
    readonly filter: CompiledFilter | null = null,
  ) {}

  private row(address: string, port: number): EndpointRow {
    const key = `${address}|${port}`;
    let r = this.byKey.get(key);
    if (!r) {
      r = { address, port, txFrames: 0, txBytes: 0, rxFrames: 0, rxBytes: 0 };
      this.rows.push(r);
      this.byKey.set(key, r);
    }
    return r;
  }

  packet(p: TapPacket): void {
    const ends = packetEnds(this.kind, p);
    if (!ends.length || !tapMatches(this.filter, p)) return;
    this.add(ends, p.rec.wirelen);
  }

  /** Counts one packet of `wirelen` bytes with its endpoints (the app's index-only tables call this directly). */
  add(ends: readonly PacketEnds[], wirelen: number): void {
    for (const e of ends) {
      const s = this.row(e.src, e.sport);
      s.txFrames++;
      s.txBytes += wirelen;
      const d = this.row(e.dst, e.dport);
      d.rxFrames++;
      d.rxBytes += wirelen;
    }
  }

  table(): EndpointRow[] {
    return byTotalFrames(this.rows, (r) => r.txFrames + r.rxFrames);
  }

  draw(_ctx: DrawContext, out: (text: string) => void): void {
    out(endpointsText(this.kind, this.filter?.text ?? null, this.table()));
  }
}

const RULE = '='.repeat(80) + '\n';

export function endpointsText(kind: ConvKind, filter: string | null, rows: readonly EndpointRow[]): string {
  const ports = kind === 'tcp' || kind === 'udp';
  let s = RULE + `${CONV_TITLES[kind]} Endpoints\nFilter:${filter ?? '<No Filter>'}\n`;
  s += ports
    ? '                       |  Port  ||  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n'
    : '                       |  Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n';
  for (const r of rows) {
    s += padRight(r.address, 20);
    if (ports) s += `      ${padLeft(r.port, 5)}     ${padLeft(r.txFrames + r.rxFrames, 6)}`;
    else s += `      ${padLeft(r.txFrames + r.rxFrames, 6)}`;
    s += `     ${padLeft(r.txBytes + r.rxBytes, 9)}     ${padLeft(r.txFrames, 6)}       ${padLeft(r.txBytes, 9)}      ${padLeft(r.rxFrames, 6)}       ${padLeft(r.rxBytes, 9)}   \n`;
  }
  return s + RULE;
}
