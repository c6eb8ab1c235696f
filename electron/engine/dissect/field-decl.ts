// A field declared as data by the code that produces it (Wireshark's hf_register_info): each
// protocol lists its fields beside its dissector, and the display filter, its completion, the
// status bar and the index read these lists and nothing else. The dotted abbreviation is at
// once the tree node's key, the filter name and the column id.

export type FieldType =
  /** A protocol (FT_PROTOCOL): present or not; its bytes for contains/matches/slices. */
  | 'protocol'
  /** A label or subtree without a value (FT_NONE): present or not. */
  | 'none'
  | 'uint'
  | 'int'
  | 'bool'
  /** Seconds with a fraction (relative times, epoch time). */
  | 'float'
  | 'ipv4'
  | 'ipv6'
  | 'ether'
  | 'string'
  | 'bytes';

/** How an integer is shown (Wireshark's BASE_*): labels built from a declaration use it. */
export type FieldBase = 'dec' | 'hex' | 'oct' | 'dec_hex' | 'hex_dec';

/**
 * A per-packet number the capture index keeps in its columns (see flows/capture-index.ts):
 * a declaration that names one is answered from the index without dissecting the packet.
 * `messageType`/`messageSubcode` are the ICMP type and code, `messageCode` the ARP operation.
 */
export type IndexColumn =
  | 'number'
  | 'wirelen'
  | 'caplen'
  | 'ipVersion'
  | 'ipProto'
  | 'src'
  | 'dst'
  | 'sport'
  | 'dport'
  | 'seq'
  | 'ack'
  | 'window'
  | 'tcpFlags'
  | 'payloadLength'
  | 'messageType'
  | 'messageSubcode'
  | 'messageCode';

/**
 * Which fields the index answers (cheap enough to compute for every packet while a file opens):
 * - true: for a protocol, whether it is present; for any other field, the values the
 *   dissector's index mode puts (`ctx.index.put(decl, value)`), kept beside the columns;
 * - a column, or several (tcp.port is sport then dport), read with `bitmask` when it has one.
 */
export type Indexed = true | IndexColumn | readonly IndexColumn[];

export interface FieldDecl {
  /** Wireshark's abbreviation, e.g. `tcp.window_size_value`. */
  readonly abbrev: string;
  /** Display name, e.g. `Window`: tree labels, completion, the status bar. */
  readonly name: string;
  readonly type: FieldType;
  readonly base?: FieldBase;
  /** Bits of the enclosing integer the field occupies (0x02 for tcp.flags.syn). */
  readonly bitmask?: number;
  /** Names of values (`{ 1: 'Request', 2: 'Reply' }`), shown as `Request (1)`; for a bool, its 0 and 1 (Wireshark's true/false strings). */
  readonly strings?: Readonly<Record<number, string>>;
  /** The field stands for others, in tree order (ip.addr = ip.src or ip.dst). */
  readonly alias?: readonly string[];
  /**
   * 'index': the packet's tree does not carry it; the capture index computes it (tcp.stream,
   * tcp.analysis.*, frame times), because it depends on other packets.
   */
  readonly source?: 'index';
  readonly indexed?: Indexed;
  /**
   * The protocols whose headers carry the field, when not only the one its name starts with
   * (ip.version is IPv4's, and IPv6 carries a hidden one, as Wireshark's does): the index
   * answers it where it knows every one of them, and the field is present where any is.
   */
  readonly gates?: readonly string[];
  /** One line on what the field means, when the name is not enough. */
  readonly blurb?: string;
}

/** The shift that brings a bitmask's lowest set bit to bit 0. */
export function maskShift(mask: number): number {
  let s = 0;
  while (s < 32 && !((mask >>> s) & 1)) s++;
  return s;
}

/** Hex digits of a field: its integer's width, or for bits the width of the mask. */
function hexDigits(d: FieldDecl, bytes: number): number {
  if (d.bitmask) return Math.max(1, Math.ceil((32 - Math.clz32(d.bitmask >>> maskShift(d.bitmask))) / 4));
  return Math.max(2, bytes * 2);
}

function formatInt(d: FieldDecl, v: number, bytes: number): string {
  const named = d.strings?.[v];
  const hex = `0x${v.toString(16).padStart(hexDigits(d, bytes), '0')}`;
  let s: string;
  switch (d.base) {
    case 'hex':
      s = hex;
      break;
    case 'oct':
      s = `0${v.toString(8)}`;
      break;
    case 'dec_hex':
      s = `${v} (${hex})`;
      break;
    case 'hex_dec':
      s = `${hex} (${v})`;
      break;
    default:
      s = String(v);
  }
  return named === undefined ? s : `${named} (${s})`;
}

/**
 * `.... ..1. ` for a bitmask field inside a `bytes`-wide integer: the bits the field
 * covers show the value's bits, the others dots, in groups of four (Wireshark's layout).
 */
export function bitPattern(mask: number, value: number, bytes: number): string {
  const shifted = (value << maskShift(mask)) >>> 0;
  let s = '';
  for (let b = bytes * 8 - 1; b >= 0; b--) {
    const m = 2 ** b;
    s += Math.floor(mask / m) % 2 ? (Math.floor(shifted / m) % 2 ? '1' : '0') : '.';
    if (b % 4 === 0 && b) s += ' ';
  }
  return s;
}

/**
 * The tree label of a field from its declaration: `Name: value`, with the value named by
 * `strings`, shown in `base`, and for bit fields prefixed by the bit pattern
 * (`.... ..1. = Syn: Set`). `bytes` is the width of the integer the bits live in.
 */
export function fieldLabel(d: FieldDecl, value: string | number | boolean, bytes = 0): string {
  let shown: string;
  if (typeof value === 'boolean') shown = d.strings?.[value ? 1 : 0] ?? (value ? 'Set' : 'Not set');
  else if (typeof value === 'number' && (d.type === 'uint' || d.type === 'int')) shown = formatInt(d, value, bytes);
  else shown = String(value);
  const label = `${d.name}: ${shown}`;
  if (d.bitmask && bytes > 0 && typeof value !== 'string') return `${bitPattern(d.bitmask, Number(value), bytes)} = ${label}`;
  return label;
}
