// Follow Stream's "Show data as": each chunk of the stream as ASCII (unprintable bytes as
// dots, line ends kept), UTF-8, a hex dump (offsets per direction, as Wireshark's), or raw
// hex; one direction or both.
import type { FollowDto } from '../../../electron/shared/stats-dto.js';
import { hexByte } from './hex-lines.js';

export type FollowView = 'ascii' | 'utf8' | 'hex' | 'raw';
export type FollowSide = 'both' | 'client' | 'server';

export interface FollowPiece {
  readonly server: boolean;
  readonly frame: number;
  readonly text: string;
}

function ascii(d: Uint8Array): string {
  let s = '';
  for (const b of d) s += b === 13 || b === 10 || b === 9 || (b >= 0x20 && b < 0x7f) ? String.fromCharCode(b) : '.';
  return s;
}

function hexdump(d: Uint8Array, offset: number): string {
  let s = '';
  for (let i = 0; i < d.length; i += 16) {
    const row = d.subarray(i, i + 16);
    const hex = [...row].map(hexByte);
    const text = [...row].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    s += `${(offset + i).toString(16).toUpperCase().padStart(8, '0')}  ${hex.slice(0, 8).join(' ').padEnd(23)}  ${hex.slice(8).join(' ').padEnd(23)}  ${text}\n`;
  }
  return s;
}

const utf8 = new TextDecoder('utf-8');

export function followPieces(f: FollowDto, view: FollowView, side: FollowSide): FollowPiece[] {
  const offsets = [0, 0];
  const out: FollowPiece[] = [];
  for (const c of f.chunks) {
    const d = f.data.subarray(c.start, c.end);
    const k = c.server ? 1 : 0;
    const at = offsets[k]!;
    if (!c.missing) offsets[k] = at + d.length;
    if ((side === 'client' && c.server) || (side === 'server' && !c.server)) continue;
    // A gap stays readable text in every view ("[N bytes missing in capture file]").
    const text = c.missing ? `${ascii(d.subarray(0, d.length - 1))}\n` : view === 'ascii' ? ascii(d) : view === 'utf8' ? utf8.decode(d) : view === 'hex' ? hexdump(d, at) : `${[...d].map(hexByte).join('')}\n`;
    out.push({ server: c.server, frame: c.frame, text });
  }
  return out;
}

/** The whole text (Save As, copy). */
export function followText(f: FollowDto, view: FollowView, side: FollowSide): string {
  return followPieces(f, view, side)
    .map((p) => p.text)
    .join('');
}

/** The summary line under the text: each side's bytes, as Wireshark's. */
export function followSummary(f: FollowDto): { client: number; server: number } {
  let client = 0;
  let server = 0;
  for (const c of f.chunks) {
    if (c.missing) continue;
    if (c.server) server += c.end - c.start;
    else client += c.end - c.start;
  }
  return { client, server };
}
