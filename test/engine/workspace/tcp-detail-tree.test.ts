// The app's detail tree for a TCP segment is Wireshark's: the TCP subtree of every frame,
// printed with tshark's indentation, is byte-identical to what Wireshark shows after its
// first pass over the capture (`tshark -2 -V`; references made by
// test/fixtures/tshark/make-two-pass-tcp.mjs). It is the same builder `ackline tshark -V`
// prints from (ws-tcp-tree.ts), with the stream's final values.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FieldNodeDto } from '../../../electron/shared/dto.js';
import { haveCaptures, readCapture, readText, repoRoot } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

const dir = path.join(repoRoot, 'test/fixtures/tshark/two-pass');
const CAPTURES = [
  'tcp-http-curl.pcap',
  'tcp-keepalive.pcap',
  'tcp-rst-abort.pcap',
  'tcp-data-retransmit-rto.pcap',
  'tcp-simultaneous-close.pcap',
  'tcp-syn-closed-port-rst.pcap',
  'tcp-zero-window.pcap',
  'tcp-out-of-order.pcap',
  'tcp-packet-loss.pcap',
];

function text(n: FieldNodeDto, depth: number, out: string[]): void {
  out.push('    '.repeat(depth) + n.label);
  for (const c of n.children ?? []) text(c, depth + 1, out);
}

describe.skipIf(!haveCaptures)("the app's TCP tree is Wireshark's (tshark -2 -V)", () => {
  it.each(CAPTURES)('%s', async (file) => {
    const bytes = readCapture(`scenarios/${file}`);
    const { session } = openBytes(bytes, 1 << 20, { clock: new ManualClock() });
    // The frame count from tshark's own per-frame table of the capture.
    const frames = readText(`scenarios/${file}.tshark.tsv`).trim().split('\n').length - 1;
    const blocks: string[] = [];
    for (let i = 0; i < frames; i++) {
      const d = await session.packet({ index: i });
      const tcp = d.tree.find((n) => n.field === 'tcp');
      if (!tcp) continue;
      const out: string[] = [];
      text(tcp, 0, out);
      blocks.push(out.join('\n'));
    }
    const got = blocks.join('\n\n') + '\n';
    const base = path.join(dir, `${file}.tcp-tree`);
    if (existsSync(`${base}.txt`)) expect(got).toBe(readFileSync(`${base}.txt`, 'utf8'));
    else expect(createHash('sha256').update(got, 'utf8').digest('hex'), 'SHA-256 of the TCP trees').toBe(readFileSync(`${base}.sha256`, 'utf8').trim());
  }, 300_000);
});
