// The detail tree's per-connection TCP fields agree with tshark: tcp.stream and the
// relative tcp.seq / tcp.ack (tshark's defaults), and the TCP summary uses them.
import { describe, expect, it } from 'vitest';
import type { FieldNodeDto } from '../../../electron/shared/dto.js';
import { haveCaptures, readCapture, readText } from '../../support/captures.js';
import { ManualClock, openBytes } from './session-support.js';

function find(nodes: readonly FieldNodeDto[], field: string): FieldNodeDto | undefined {
  for (const n of nodes) {
    if (n.field === field) return n;
    const c = n.children && find(n.children, field);
    if (c) return c;
  }
  return undefined;
}

describe.skipIf(!haveCaptures)('per-connection TCP fields in the detail tree', () => {
  for (const name of ['tcp-http-curl', 'tcp-packet-loss', 'tcp-simultaneous-close', 'tcp-syn-closed-port-rst']) {
    it(`${name}: tcp.seq / tcp.ack as tshark shows them`, async () => {
      const { session } = openBytes(readCapture(`scenarios/${name}.pcap`), 1 << 20, { clock: new ManualClock() });
      const lines = readText(`scenarios/${name}.pcap.tshark.tsv`).trim().split('\n');
      const head = lines[0]!.split('\t');
      const col = (k: string): number => head.indexOf(k);
      let checked = 0;
      for (const line of lines.slice(1).slice(0, 300)) {
        const c = line.split('\t');
        const seq = c[col('tcp.seq')];
        if (!seq) continue;
        const n = Number(c[col('frame.number')]);
        const d = await session.packet({ index: n - 1 });
        expect(find(d.tree, 'tcp.seq')?.value, `frame ${n} seq`).toBe(Number(seq));
        const ack = c[col('tcp.ack')];
        const flags = c[col('tcp.flags.str')] ?? '';
        if (ack && flags.includes('A')) expect(find(d.tree, 'tcp.ack')?.value, `frame ${n} ack`).toBe(Number(ack));
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    });
  }

  it('names the stream and uses relative numbers in the TCP summary', async () => {
    const { session } = openBytes(readCapture('scenarios/tcp-http-curl.pcap'), 1 << 20, { clock: new ManualClock() });
    const d = await session.packet({ index: 5 }); // frame 6: the GET, seq 1:85, ack 1
    expect(find(d.tree, 'tcp.stream')?.value).toBe(0);
    expect(find(d.tree, 'tcp')?.label).toMatch(/Seq: 1, Ack: 1, Len: 84/);
    expect(find(d.tree, 'tcp.nxtseq')?.value).toBe(85);
  });
});
