// `-T fields -e FIELD ...` with tshark's -E options: one line per printed packet, each
// field's occurrences in tree order (all, first or last), formatted as tshark 4.0 formats
// them. Times come from the packet's own seconds and nanoseconds, never through a double.
import type { FieldNode } from '../dissect/field-node.js';
import { lookupField } from '../filter/field-registry.js';
import { udpStreamOfEnds, udpStreamOfRow } from '../flows/udp-streams.js';
import { childValue } from './tree-find.js';
import { fieldOccurrences, type FieldOccurrence } from './field-values.js';
import { formatOccurrence, nsSeconds, wsFieldType } from './field-format.js';
import { protocolText } from './ws-labels.js';
import { nsDelta, type NsTime, type TapPacket } from './tap.js';
import { frameProtocols } from './ws-protocols.js';

export interface FieldsOptions {
  /** Between fields (-E separator; tshark uses the first character, /t tab, /s space). */
  readonly separator: string;
  readonly header: boolean;
  /**
   * Which occurrences: all (joined by `aggregator`), the first or the last; or the Nth
   * (1-based; negative counts from the end, as Wireshark's custom columns): Ackline's own,
   * tshark 4.0 takes only f, l and a.
   */
  readonly occurrence: 'a' | 'f' | 'l' | number;
  readonly aggregator: string;
  /** Quote character around each non-empty field ('' = none). */
  readonly quote: string;
  /** Escape tab, newline and carriage return in values (-E escape=y, the default). */
  readonly escape: boolean;
}

export const DEFAULT_FIELDS_OPTIONS: FieldsOptions = { separator: '\t', header: false, occurrence: 'a', aggregator: ',', quote: '', escape: true };

/** Applies one -E NAME=VALUE; returns an error text for a bad one. */
export function setFieldsOption(o: FieldsOptions, name: string, value: string): FieldsOptions | string {
  const char = (v: string): string => (v === '/t' ? '\t' : v === '/s' ? ' ' : v.slice(0, 1));
  switch (name) {
    case 'separator':
      return { ...o, separator: char(value) };
    case 'aggregator':
      return { ...o, aggregator: char(value) };
    case 'header':
      return value === 'y' || value === 'n' ? { ...o, header: value === 'y' } : `invalid -E header value "${value}" (y or n)`;
    case 'occurrence':
      if (value === 'a' || value === 'f' || value === 'l') return { ...o, occurrence: value };
      if (/^-?\d+$/.test(value)) return { ...o, occurrence: Number(value) === 0 ? 'a' : Number(value) };
      return `invalid -E occurrence value "${value}" (f, l, a or a number: N-th, -N-th from the end)`;
    case 'quote':
      return value === 'd' ? { ...o, quote: '"' } : value === 's' ? { ...o, quote: "'" } : value === 'n' ? { ...o, quote: '' } : `invalid -E quote value "${value}" (d, s or n)`;
    case 'escape':
      return value === 'y' || value === 'n' ? { ...o, escape: value === 'y' } : `invalid -E escape value "${value}" (y or n)`;
    case 'bom':
      return o;
    default:
      return `invalid -E option "${name}"`;
  }
}

/** Fields the tshark pass computes itself, besides the engine's field registry. */
const PASS_FIELDS = new Set(['frame.time', 'frame.time_delta_displayed', 'tcp.completeness', 'tcp.analysis.initial_rtt']);

/** The packet-list columns -e can print. */
export const COLUMNS = new Set(['_ws.col.Protocol', '_ws.col.Info']);

/** The -e names that are not fields (tshark: "Some fields aren't valid"), sorted. */
export function invalidFields(names: readonly string[]): string[] {
  return [...new Set(names.filter((n) => !lookupField(n) && !PASS_FIELDS.has(n) && !COLUMNS.has(n)))].sort();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Local time of a packet: offset from UTC (seconds) and the zone's abbreviation, as the host knows them. */
export type LocalZone = (epochSec: number) => { readonly offset: number; readonly name: string };

export const UTC_ZONE: LocalZone = () => ({ offset: 0, name: 'UTC' });

/** frame.time: "Nov 21, 2026 05:28:32.114429000 UTC" in the local zone. */
export function absoluteTime(t: NsTime, zone: LocalZone): string {
  const z = zone(t.sec);
  const d = new Date((t.sec + z.offset) * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}, ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(t.nsec).padStart(9, '0')} ${z.name}`;
}

export class FieldsPrinter {
  private lastDisplayed: NsTime | null = null;

  constructor(
    readonly fields: readonly string[],
    readonly opts: FieldsOptions = DEFAULT_FIELDS_OPTIONS,
    readonly zone: LocalZone = UTC_ZONE,
  ) {}

  header(): string {
    return this.fields.join(this.opts.separator) + '\n';
  }

  /** The line of one printed packet (call for every displayed packet, in order). */
  line(p: TapPacket): string {
    const cells = this.fields.map((f) => {
      const all = this.values(f, p);
      const picked = pick(all, this.opts.occurrence);
      if (!picked.length) return '';
      const text = picked.map((v) => (this.opts.escape ? escape(v) : v)).join(this.opts.aggregator);
      return this.opts.quote + text + this.opts.quote;
    });
    this.lastDisplayed = p.abs;
    return cells.join(this.opts.separator) + '\n';
  }

  /** Every occurrence of a field in the packet, formatted. */
  values(name: string, p: TapPacket): string[] {
    switch (name) {
      case 'frame.time':
        return [absoluteTime(p.abs, this.zone)];
      case 'frame.time_epoch':
        return [`${p.abs.sec}.${String(p.abs.nsec).padStart(9, '0')}`];
      case 'frame.time_relative':
        return [nsSeconds(p.rel.sec * 1e9 + p.rel.nsec)];
      case 'frame.time_delta':
        return [nsSeconds(p.delta.sec * 1e9 + p.delta.nsec)];
      case 'frame.time_delta_displayed': {
        const d = this.lastDisplayed ? nsDelta(p.abs, this.lastDisplayed) : { sec: 0, nsec: 0 };
        return [nsSeconds(d.sec * 1e9 + d.nsec)];
      }
      case 'frame.protocols':
        return [frameProtocols(p)];
      case 'udp.stream':
        return udpStreams(p);
      case '_ws.col.Protocol':
        return p.cols ? [p.cols.protocol] : [];
      case '_ws.col.Info':
        return p.cols ? [p.cols.info] : [];
      case 'tcp.analysis.ack_rtt': {
        const a = p.index.acks.get(p.i);
        // Wireshark shows no RTT of zero.
        return a && a.b !== 0 && isTcp(p) ? [nsSeconds(a.b)] : [];
      }
      case 'tcp.analysis.initial_rtt':
        return p.tcpShown?.initialRttNs !== undefined ? [nsSeconds(p.tcpShown.initialRttNs)] : [];
      case 'tcp.completeness':
        return p.tcpShown ? [String(p.tcpShown.completeness)] : [];
      case '_ws.expert':
        return p.experts.map((e) => `Expert Info (${SEVERITY[e.severity]}/${e.group}): ${e.summary}`);
      case 'tcp.analysis':
        return p.tcpShown?.analyzed ? ['1'] : [];
      case 'frame.interface_id':
        // A pcap file has no interface blocks: tshark shows no interface id.
        return p.rec.blockType === 0 ? [] : [String(p.rec.interfaceId)];
    }
    const occs = fieldOccurrences(name, { ...p, tree: p.ws.tree });
    const bytes = (o: FieldOccurrence): Uint8Array => (o.node ? p.ws.bytesOf(o.node) : p.data);
    if (wsFieldType(name)?.ftype === 'FT_PROTOCOL') return occs.map((o) => (o.node ? protocolText(o.node, p, bytes(o)) : name));
    const out = occs.map((o) => formatOccurrence(name, o, bytes(o)));
    // A duplicate ACK has the flag and, under "Duplicate to the ACK in frame", its expert item: both named tcp.analysis.duplicate_ack.
    return name === 'tcp.analysis.duplicate_ack' ? out.flatMap((v) => [v, v]) : out;
  }
}

/**
 * udp.stream of every UDP header in the packet: the packet's own conversation, and for a
 * datagram quoted by an ICMP error, the conversation it belongs to.
 */
function udpStreams(p: TapPacket): string[] {
  const out: string[] = [];
  const walk = (nodes: readonly FieldNode[], top: boolean): void => {
    nodes.forEach((n, k) => {
      if (n.field === 'udp') {
        if (top) {
          const s = udpStreamOfRow(p.index, p.i);
          if (s >= 0) out.push(String(s));
        } else {
          const ip = nodes.slice(0, k).reverse().find((x) => x.field === 'ip' || x.field === 'ipv6');
          const pre = ip?.field === 'ipv6' ? 'ipv6' : 'ip';
          const s = ip ? udpStreamOfEnds(p.index, String(childValue(ip, `${pre}.src`)), Number(childValue(n, 'udp.srcport')), String(childValue(ip, `${pre}.dst`)), Number(childValue(n, 'udp.dstport'))) : -1;
          if (s >= 0) out.push(String(s));
        }
      }
      if (n.children) walk(n.children, false);
    });
  };
  walk(p.ws.tree, true);
  return out;
}

const SEVERITY = { error: 'Error', warn: 'Warning', note: 'Note', chat: 'Chat', comment: 'Comment' } as const;

function isTcp(p: TapPacket): boolean {
  const f = p.index.flows.get(p.index.packets.flow.get(p.i));
  return f?.kind === 'tcp';
}

/** -E escape=y: tab, newline and carriage return as \t, \n, \r (a backslash stays as it is). */
function escape(s: string): string {
  if (!/[\t\n\r]/.test(s)) return s;
  return s.replace(/[\t\n\r]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** The occurrences -E occurrence keeps (none when the one asked for is not there). */
function pick(all: string[], occurrence: FieldsOptions['occurrence']): string[] {
  if (occurrence === 'a') return all;
  const k = occurrence === 'f' ? 0 : occurrence === 'l' ? all.length - 1 : occurrence > 0 ? occurrence - 1 : all.length + occurrence;
  const v = all[k];
  return k >= 0 && v !== undefined ? [v] : [];
}
