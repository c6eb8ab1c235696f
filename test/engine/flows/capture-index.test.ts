// Opening a file indexes each packet in place (CaptureIndex.addAt: the reader's chunk and an
// offset, no view); the index must come out exactly as from a copy of each packet on its own
// (add). Over the whole shared corpus, in the reader's chunks and with every packet followed
// by bytes that a dissector reading past the packet's end would take for its own.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import type { PacketTable } from '../../../electron/engine/store/packet-table.js';
import { capturesDir, haveCaptures } from '../../support/captures.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(pcap|pcapng|cap)$/.test(f) ? [p] : [];
  });
}

const COLUMNS = ['dataOffset', 'tsSec', 'tsNsec', 'caplen', 'wirelen', 'iface', 'etherType', 'ipProto', 'tcpFlags', 'window', 'src', 'dst', 'sport', 'dport', 'seq', 'ack', 'payloadLength', 'flow', 'analysis'] as const;

/** Every column of every row, the flows, addresses and the sparse extras, as one comparable value. */
function snapshot(idx: CaptureIndex): unknown {
  const t: PacketTable = idx.packets;
  const rows: number[][] = [];
  for (let i = 0; i < t.length; i++) rows.push([...COLUMNS.map((c) => t[c].get(i)), t.sec(i), t.nsec(i)]);
  const names: string[] = [];
  for (let a = 1; a < 1 << 20 && idx.addresses.family[a] !== undefined; a++) names.push(idx.addresses.name(a));
  return {
    rows,
    names,
    flows: idx.flows.flows.map((f) => ({ ...f, packets: [...f.packets], bytes: [...f.bytes] })),
    messageCode: [...idx.messageCode],
    dhcp: [...idx.dhcpClient],
    dupAcks: [...idx.dupAcks],
    indexed: idx.indexed.byteSize,
  };
}

/** The corpus read twice: each packet copied alone (trailed by 0xff bytes), and in place. */
function bothWays(bytes: Uint8Array): [unknown, unknown] {
  const copied = new CaptureIndex();
  readCaptureBytes(bytes, {
    onInterface: (i) => copied.addInterface(i),
    onPacket: (rec, data) => {
      const trailed = new Uint8Array(data.length + 64).fill(0xff);
      trailed.set(data);
      copied.add(rec, trailed.subarray(0, data.length));
    },
  });
  const inPlace = new CaptureIndex();
  readCaptureBytes(bytes, {
    onInterface: (i) => inPlace.addInterface(i),
    onPacket: () => {
      throw new Error('onPacketAt expected');
    },
    onPacketAt: (rec, buf, start) => void inPlace.addAt(rec, buf, start),
  });
  // In place again, each packet at an odd offset and followed by a second copy of itself:
  // a dissector that read past the packet's end would find plausible headers there.
  const echoed = new CaptureIndex();
  readCaptureBytes(bytes, {
    onInterface: (i) => echoed.addInterface(i),
    onPacket: (rec, data) => {
      const buf = new Uint8Array(37 + 2 * data.length).fill(0x45);
      buf.set(data, 37);
      buf.set(data, 37 + data.length);
      echoed.addAt(rec, buf, 37);
    },
  });
  const a = snapshot(copied);
  const b = snapshot(echoed);
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(b, 'packets echoed after their end').toEqual(a);
  return [a, snapshot(inPlace)];
}

describe.skipIf(!haveCaptures)('CaptureIndex.addAt (in place) = add (a copy of each packet)', () => {
  const files = haveCaptures ? walk(capturesDir) : [];
  it(`the whole corpus (${files.length} files)`, async () => {
    const { readFileSync } = await import('node:fs');
    let packets = 0;
    for (const f of files) {
      const [a, b] = bothWays(new Uint8Array(readFileSync(f)));
      if (JSON.stringify(a) !== JSON.stringify(b)) expect(b, path.relative(capturesDir, f)).toEqual(a);
      packets += (a as { rows: unknown[] }).rows.length;
    }
    expect(packets).toBeGreaterThan(10_000);
  }, 600_000);
});
