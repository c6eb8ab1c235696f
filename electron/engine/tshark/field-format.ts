// One field occurrence as tshark -T fields prints it: by Wireshark's type and display base
// (ws-field-types.ts): integers in decimal or 0x-hex padded to the type's width, booleans
// 1/0, bytes as plain hex, times as seconds with nine decimals, protocols as their label.
import type { FieldNode } from '../dissect/field-node.js';
import { lookupField } from '../filter/field-registry.js';
import type { Val } from '../filter/values.js';
import type { FieldOccurrence } from './field-values.js';
import { WS_FIELD_TYPES } from './ws-field-types.js';

interface WsType {
  readonly ftype: string;
  readonly base: string;
}

const TYPES = new Map<string, WsType>(WS_FIELD_TYPES.map(([n, ftype, base]) => [n, { ftype, base }]));

export function wsFieldType(name: string): WsType | undefined {
  return TYPES.get(name);
}

/** Declared BASE_HEX, yet printed in decimal by tshark 4.0 -T fields. */
const DECIMAL = new Set(['dns.rr.udp_payload_size']);

/** FT_BYTES declared with SEP_COLON (tshark -G fields does not show it): printed as aa:bb:cc. */
const COLON_BYTES = new Set(['icmpv6.opt.linkaddr', 'icmpv6.opt.src_linkaddr', 'icmpv6.opt.target_linkaddr']);

const HEX_DIGITS: Record<string, number> = { FT_UINT8: 2, FT_UINT16: 4, FT_UINT24: 6, FT_UINT32: 8, FT_UINT64: 16 };

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** Seconds with nine decimals from a (possibly negative) count of nanoseconds. */
export function nsSeconds(ns: number): string {
  const neg = ns < 0;
  const a = Math.abs(ns);
  const sec = Math.floor(a / 1e9);
  const frac = Math.round(a - sec * 1e9);
  return `${neg ? '-' : ''}${sec}.${String(frac).padStart(9, '0')}`;
}

function nodeBytes(node: FieldNode | undefined, data: Uint8Array): Uint8Array {
  if (!node) return new Uint8Array(0);
  return data.subarray(Math.min(node.offset, data.length), Math.min(data.length, node.offset + node.length));
}

/** The text of one occurrence of field `name`. */
export function formatOccurrence(name: string, occ: FieldOccurrence, data: Uint8Array): string {
  const ws = TYPES.get(name);
  const v: Val = occ.value;
  const ftype = ws?.ftype ?? fallbackType(name);
  switch (ftype) {
    case 'FT_UINT8':
    case 'FT_UINT16':
    case 'FT_UINT24':
    case 'FT_UINT32':
    case 'FT_UINT64': {
      const n = typeof v === 'number' ? v : Number(v);
      if (DECIMAL.has(name)) return String(n);
      if (ws && (ws.base === 'BASE_HEX' || ws.base === 'BASE_HEX_DEC')) return '0x' + (n >>> 0).toString(16).padStart(HEX_DIGITS[ftype] ?? 2, '0');
      return String(n);
    }
    case 'FT_INT8':
    case 'FT_INT16':
    case 'FT_INT32':
    case 'FT_FRAMENUM':
      return String(v);
    case 'FT_IPv4':
      return typeof v === 'number' ? `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}` : String(occ.node?.value ?? v);
    case 'FT_BOOLEAN':
      return (typeof v === 'number' ? v !== 0 : Boolean(v)) ? '1' : '0';
    case 'FT_BYTES': {
      const b = hex(occ.node ? nodeBytes(occ.node, data) : v instanceof Uint8Array ? v : new Uint8Array(0));
      return COLON_BYTES.has(name) ? b.replace(/..(?=.)/g, '$&:') : b;
    }
    case 'FT_RELATIVE_TIME':
      return typeof v === 'number' ? nsSeconds(Math.round(v * 1e9)) : String(v);
    case 'FT_PROTOCOL':
      return occ.node?.label ?? name;
    case 'FT_NONE':
      // tshark prints 1 so that the presence of a label-only field shows.
      return '1';
    default:
      if (v instanceof Uint8Array) return typeof occ.node?.value === 'string' ? occ.node.value : hex(v);
      return String(v);
  }
}

/** A field Wireshark does not declare: print it by our own type. */
function fallbackType(name: string): string {
  switch (lookupField(name)?.type) {
    case 'uint':
      return 'FT_UINT32';
    case 'int':
      return 'FT_INT32';
    case 'bool':
      return 'FT_BOOLEAN';
    case 'float':
      return 'FT_RELATIVE_TIME';
    case 'bytes':
      return 'FT_BYTES';
    case 'protocol':
      return 'FT_PROTOCOL';
    case 'none':
      return 'FT_NONE';
    default:
      return 'FT_STRING';
  }
}
