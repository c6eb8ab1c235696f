// Copy › Bytes: a packet's (or a field's) bytes as a hex stream, a hex dump, printable text,
// or a C array, as Wireshark's Copy menu writes them.
import { BYTES_PER_LINE, hexByte } from './hex-lines.js';

export type BytesFormat = 'hex-stream' | 'hex-dump' | 'text' | 'c-array';

const printable = (b: number): boolean => b >= 0x20 && b < 0x7f;

export function copyBytes(bytes: Uint8Array, format: BytesFormat, name = 'pkt'): string {
  if (format === 'hex-stream') return [...bytes].map(hexByte).join('');
  if (format === 'text') return [...bytes].filter((b) => printable(b) || b === 10 || b === 13 || b === 9).map((b) => String.fromCharCode(b)).join('');
  if (format === 'c-array') {
    const lines: string[] = [];
    for (let o = 0; o < bytes.length; o += 8) lines.push(`0x${[...bytes.subarray(o, o + 8)].map(hexByte).join(', 0x')}`);
    return `static const unsigned char ${name}[${bytes.length}] = {\n${lines.join(',\n')} };\n`;
  }
  let out = '';
  for (let o = 0; o < bytes.length; o += BYTES_PER_LINE) {
    const row = bytes.subarray(o, o + BYTES_PER_LINE);
    const hex = [...row].map(hexByte);
    const left = hex.slice(0, 8).join(' ');
    const right = hex.slice(8).join(' ');
    const ascii = [...row].map((b) => (printable(b) ? String.fromCharCode(b) : '.')).join('');
    out += `${o.toString(16).padStart(4, '0')}   ${(left + (right ? '  ' + right : '')).padEnd(48)}   ${ascii}\n`;
  }
  return out;
}
