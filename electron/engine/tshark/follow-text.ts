// The text of `tshark -q -z follow,...` (ui/cli/tap-follow.c): a header naming the stream and
// its two nodes, then each chunk; the server's chunks are indented with a tab.
import type { FollowTap } from './follow.js';

const SEPARATOR = '='.repeat(67) + '\n';
const HEX = '0123456789abcdef';

function node(n: { address: string; port: number } | null): string {
  if (!n) return ':0';
  return n.address.includes(':') ? `[${n.address}]:${n.port}` : `${n.address}:${n.port}`;
}

/** One chunk as ASCII: printable bytes, CR and LF as they are, anything else '.'. */
function ascii(d: Uint8Array): string {
  let s = '';
  for (const b of d) s += b === 13 || b === 10 || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
  return s;
}

/** follow_print_hex: offset (per side, across chunks), 16 bytes in two groups, their ASCII. */
function hexdump(prefix: string, offset: number, d: Uint8Array): string {
  let s = '';
  for (let i = 0; i < d.length; i += 16) {
    const row = d.subarray(i, i + 16);
    let hex = '';
    let text = '';
    row.forEach((b, k) => {
      hex += HEX[b >> 4]! + HEX[b & 15]! + ' ';
      text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
      if (k === 7) {
        hex += ' ';
        text += ' ';
      }
    });
    // tshark drops one trailing space (the group gap, or a space byte) from the line.
    if (text.endsWith(' ')) text = text.slice(0, -1);
    s += `${prefix}${(offset + i).toString(16).toUpperCase().padStart(8, '0')}  ${hex.padEnd(50)}${text}\n`;
  }
  return s;
}

export function followText(f: FollowTap, out: (text: string) => void): void {
  const filter = `${f.proto}.stream eq ${f.stream}`;
  out(`\n${SEPARATOR}Follow: ${f.proto},${f.mode}\nFilter: ${filter}\nNode 0: ${node(f.client)}\nNode 1: ${node(f.server)}\n`);
  const pos = [0, 0];
  f.chunks.forEach((c, k) => {
    const side = c.server ? 1 : 0;
    // Chunks outside the asked range (follow,...,STREAM,FIRST[-LAST]) only move the offsets.
    if (k + 1 < f.firstChunk || k + 1 > f.lastChunk) {
      pos[side]! += c.data.length;
      return;
    }
    const tab = c.server ? '\t' : '';
    switch (f.mode) {
      case 'ascii':
        out(`${tab}${c.data.length}\n${ascii(c.data)}\n`);
        break;
      case 'hex':
        out(hexdump(tab, pos[side]!, c.data));
        break;
      case 'raw': {
        let s = tab;
        for (const b of c.data) s += HEX[b >> 4]! + HEX[b & 15]!;
        out(s + '\n');
        break;
      }
    }
    pos[side]! += c.data.length;
  });
  out(SEPARATOR);
}
