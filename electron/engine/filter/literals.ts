// Parses the text of a filter literal for the type of the field it is compared with, as
// Wireshark's semantic pass does: "80" is a number for tcp.port, "10.0.0.0/8" a network
// for ip.addr, "00:0c:29" three bytes for eth.src[0:3]. Returns a message on failure.
import type { FieldType } from './field-types.js';

/** A literal ready to compare: one value, or a network (address with a prefix length). */
export type Literal =
  | { readonly kind: 'value'; readonly value: number | string | Uint8Array }
  | { readonly kind: 'net4'; readonly addr: number; readonly bits: number }
  | { readonly kind: 'net6'; readonly addr: Uint8Array; readonly bits: number };

export type LiteralResult = { ok: true; lit: Literal } | { ok: false; message: string };

const fail = (message: string): LiteralResult => ({ ok: false, message });
const val = (value: number | string | Uint8Array): LiteralResult => ({ ok: true, lit: { kind: 'value', value } });

/** Wireshark's integer syntax: decimal, 0x hex, leading-0 octal, optional sign for signed fields. */
export function parseInteger(text: string): number | undefined {
  const m = /^([+-]?)(0x[0-9a-f]+|0[0-7]*|[1-9][0-9]*)$/i.exec(text);
  if (!m) return undefined;
  const body = m[2]!;
  const n = /^0x/i.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body[0] === '0' ? parseInt(body, 8) : parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}

export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const b = m.slice(1).map(Number);
  if (b.some((x) => x > 255)) return undefined;
  return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
}

/** RFC 4291 text forms, including "::" and an embedded IPv4 tail. */
export function parseIpv6(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]!;
      if (k === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (v4 === undefined) return undefined;
        out.push(v4 >>> 16, v4 & 0xffff);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? fill : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, k) => {
    out[2 * k] = g >> 8;
    out[2 * k + 1] = g & 255;
  });
  return out;
}

/** Byte strings: hex pairs separated by ':', '-' or '.', or one unseparated run of pairs. */
export function parseBytes(text: string): Uint8Array | undefined {
  let parts: string[];
  if (/^[0-9a-f]{1,2}([:.-][0-9a-f]{1,2})*$/i.test(text)) parts = text.split(/[:.-]/);
  else if (/^([0-9a-f]{2})+$/i.test(text)) parts = text.match(/../g) ?? [];
  else return undefined;
  return Uint8Array.from(parts, (p) => parseInt(p, 16));
}

/** MAC addresses: six bytes as above, or Cisco's three dot-separated groups of four digits. */
export function parseEther(text: string): Uint8Array | undefined {
  const cisco = /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/i.exec(text);
  const b = cisco ? parseBytes(cisco.slice(1).join('')) : parseBytes(text);
  return b && b.length === 6 ? b : undefined;
}

export function stringBytes(s: string): Uint8Array {
  // Filter strings hold bytes (escapes like \xff); characters above 0xff are UTF-8 encoded.
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\xff]*$/.test(s)) return Uint8Array.from(s, (c) => c.charCodeAt(0));
  return new TextEncoder().encode(s);
}

/**
 * The literal `text` for a field of `type`. `quoted` says the user wrote a string ("...");
 * `allowNet` allows a CIDR prefix (for ==, != and sets, not for ordering).
 */
export function parseLiteral(type: FieldType, text: string, quoted: boolean, allowNet: boolean): LiteralResult {
  switch (type) {
    case 'uint':
    case 'int':
    case 'bool': {
      if (quoted) return fail(`${typeWord(type)} cannot be converted from a string ("${text}")`);
      if (type === 'bool') {
        if (text === 'True' || text === 'TRUE') return val(1);
        if (text === 'False' || text === 'FALSE') return val(0);
      }
      const n = parseInteger(text);
      if (n === undefined) return fail(`"${text}" is not a valid number`);
      if (type === 'bool') return val(n !== 0 ? 1 : 0);
      if (type === 'uint' && n < 0) return fail(`"${text}" is negative, but the field is unsigned`);
      return val(n);
    }
    case 'float': {
      if (quoted || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return fail(`"${text}" is not a valid number of seconds`);
      return val(Number(text));
    }
    case 'ipv4': {
      if (quoted) return fail(`IPv4 address cannot be converted from a string ("${text}")`);
      const slash = text.indexOf('/');
      const addr = parseIpv4(slash < 0 ? text : text.slice(0, slash));
      if (addr === undefined) return fail(`"${slash < 0 ? text : text.slice(0, slash)}" is not a valid IPv4 address (host names are not looked up)`);
      if (slash < 0) return val(addr);
      if (!allowNet) return fail(`a network (${text}) can only be tested with ==, != or in`);
      const bits = parseInteger(text.slice(slash + 1));
      if (bits === undefined || bits < 0 || bits > 32) return fail(`netmask bits in a CIDR IPv4 address should be <= 32, not ${text.slice(slash + 1)}`);
      return { ok: true, lit: { kind: 'net4', addr, bits } };
    }
    case 'ipv6': {
      if (quoted) return fail(`IPv6 address cannot be converted from a string ("${text}")`);
      const slash = text.indexOf('/');
      const addr = parseIpv6(slash < 0 ? text : text.slice(0, slash));
      if (!addr) return fail(`"${slash < 0 ? text : text.slice(0, slash)}" is not a valid IPv6 address`);
      if (slash < 0) return val(addr);
      if (!allowNet) return fail(`a network (${text}) can only be tested with ==, != or in`);
      const bits = parseInteger(text.slice(slash + 1));
      if (bits === undefined || bits < 0 || bits > 128) return fail(`prefix length in an IPv6 address should be <= 128, not ${text.slice(slash + 1)}`);
      return { ok: true, lit: { kind: 'net6', addr, bits } };
    }
    case 'ether': {
      if (quoted) return fail(`Ethernet address cannot be converted from a string ("${text}")`);
      const b = parseEther(text);
      return b ? val(b) : fail(`"${text}" is not a valid Ethernet address (six bytes, such as 00:0c:29:12:34:56)`);
    }
    case 'string':
      return val(text);
    case 'bytes':
    case 'protocol': {
      if (quoted) return val(stringBytes(text));
      const b = parseBytes(text);
      return b ? val(b) : fail(`"${text}" is not a valid byte string (hex bytes such as 00:0c:29)`);
    }
    case 'none':
      return fail('this field has no value to compare');
  }
}

function typeWord(type: FieldType): string {
  return type === 'bool' ? 'Boolean' : type === 'int' ? 'Signed integer' : 'Unsigned integer';
}
