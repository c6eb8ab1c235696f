// The real captures the engine fuzzer mutates (pcap and pcapng, both byte orders, µs and ns,
// Ethernet, 802.1Q/802.1ad, Linux cooked v1 and v2, a user link type, several interfaces of
// different link types, several sections, every pcapng block type), and where their length
// fields lie: the file's own (pcap snaplen, record caplen/len; pcapng block lengths and
// trailers, EPB caplen/len, SPB len, option and record lengths) and the packets' (every
// detail-tree field whose name says it is a length, count, size or offset).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { copyPacketRecord } from '../../../electron/capfile/packet-record.js';
import type { CaptureInterface, PacketRecord } from '../../../electron/capfile/types.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';
import { LinePrinter } from '../../../electron/engine/summary/line-printer.js';

export const SEED_FILES = [
  'scenarios/tcp-http-curl.pcap',
  'scenarios/tcp-rst-abort.pcapng',
  'scenarios/tcp-syn-retransmit-blackhole.pcap',
  'scenarios/dns-queries.pcapng',
  'scenarios/any-mixed-sll.pcap',
  'scenarios/any-mixed-sll2.pcapng',
  'scenarios/icmp-router-errors.pcap',
  'scenarios/icmpv6-router-errors.pcapng',
  'scenarios/dhcp-dora-dhclient.pcap',
  'scenarios/arp-request-reply.pcapng',
  'tcpdump-suite/802.1ad_QinQ.pcap',
  'tcpdump-suite/dns_tcp.pcap',
  'tcpdump-suite/ipv6-routing-header.pcap',
  'tcpdump-suite/timestamp_invalid_micro.pcap',
  'tcpdump-suite/icmpv6.pcap',
  'formats/big-endian.pcap',
  'formats/nanosecond.pcap',
  'formats/linktype-user0.pcap',
  'formats/with-comments.pcapng',
  'formats/multi-interface-linktypes.pcapng',
  'pcapng-suite/pcapng-test-generator/le/difficult-test202.pcapng',
  'pcapng-suite/pcapng-test-generator/be/basic-test001.pcapng',
] as const;

/** A length field: `size` bytes at `offset`, in the given byte order. */
export interface LengthField {
  readonly offset: number;
  readonly size: 1 | 2 | 4;
  readonly le: boolean;
}

export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** File offset where each packet's record or block ends, in the order packets are read. */
  readonly packetEnds: readonly number[];
  readonly lengthFields: readonly LengthField[];
  /** [start, end) of every record or block, for duplication. */
  readonly units: readonly (readonly [number, number])[];
}

const PACKET_LENGTH_FIELD = /(len|length|count|size|offset|plen|halen)/;

/** The file's own length fields and units, walking its structure. */
function fileStructure(bytes: Uint8Array, records: readonly PacketRecord[], bigEndian: boolean): { fields: LengthField[]; units: [number, number][]; ends: Map<number, number> } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: LengthField[] = [];
  const units: [number, number][] = [];
  const ends = new Map<number, number>();
  if (v.getUint32(0, true) !== 0x0a0d0d0a) {
    const le = !bigEndian;
    fields.push({ offset: 16, size: 4, le });
    for (const r of records) {
      fields.push({ offset: r.recordOffset + 8, size: 4, le }, { offset: r.recordOffset + 12, size: 4, le });
      const end = r.dataOffset + (r.fileCaplen ?? r.caplen);
      units.push([r.recordOffset, end]);
      ends.set(r.recordOffset, end);
    }
    return { fields, units, ends };
  }
  let le = true;
  for (let pos = 0; pos + 12 <= bytes.length; ) {
    const type = v.getUint32(pos, le);
    if (type === 0x0a0d0d0a) le = v.getUint32(pos + 8, true) === 0x1a2b3c4d;
    const len = v.getUint32(pos + 4, le);
    if (len < 12 || pos + len > bytes.length) break;
    fields.push({ offset: pos + 4, size: 4, le }, { offset: pos + len - 4, size: 4, le });
    units.push([pos, pos + len]);
    ends.set(pos, pos + len);
    let opts = -1;
    if (type === 1) {
      fields.push({ offset: pos + 12, size: 4, le });
      opts = pos + 16;
    } else if (type === 6 && len >= 32) {
      fields.push({ offset: pos + 20, size: 4, le }, { offset: pos + 24, size: 4, le });
      opts = pos + 28 + ((v.getUint32(pos + 20, le) + 3) & ~3);
    } else if (type === 3) {
      fields.push({ offset: pos + 8, size: 4, le });
    } else if (type === 0x0a0d0d0a) {
      opts = pos + 24;
    } else if (type === 4 || type === 5) {
      opts = type === 4 ? pos + 8 : pos + 20;
    }
    // Option (and NRB record) lengths: u16 after each u16 code.
    for (let p = opts; p >= 0 && p + 4 <= pos + len - 4; ) {
      fields.push({ offset: p + 2, size: 2, le });
      const code = v.getUint16(p, le);
      const olen = v.getUint16(p + 2, le);
      if (code === 0) break;
      p += 4 + ((olen + 3) & ~3);
    }
    pos += len;
  }
  return { fields, units, ends };
}

function packetFields(nodes: readonly FieldNode[], base: number, out: LengthField[]): void {
  for (const n of nodes) {
    if (PACKET_LENGTH_FIELD.test(n.field) && (n.length === 1 || n.length === 2 || n.length === 4)) {
      out.push({ offset: base + n.offset, size: n.length, le: false });
    }
    if (n.children) packetFields(n.children, base, out);
  }
}

export function loadSeed(root: string, name: string): Seed {
  const bytes = new Uint8Array(readFileSync(join(root, name)));
  const records: PacketRecord[] = [];
  const packetLevel: LengthField[] = [];
  const printer = new LinePrinter(createRegistry());
  let bigEndian = false;
  readCaptureBytes(bytes, {
    onHeader: (_f, info) => {
      if (records.length === 0) bigEndian = info.bigEndian;
    },
    onInterface: (i: CaptureInterface) => printer.addInterface(i),
    onPacket: (rec, data) => {
      records.push(copyPacketRecord(rec));
      packetFields(printer.dissect(rec, data, true).tree ?? [], rec.dataOffset, packetLevel);
    },
  });
  const { fields, units, ends } = fileStructure(bytes, records, bigEndian);
  return {
    name,
    bytes,
    packetEnds: records.map((r) => ends.get(r.recordOffset) ?? bytes.length),
    lengthFields: [...fields, ...packetLevel].filter((f) => f.offset + f.size <= bytes.length),
    units,
  };
}

/** The seeds present under `root` (the corpus may be absent: then none). */
export function loadSeeds(root: string): Seed[] {
  return SEED_FILES.filter((f) => existsSync(join(root, f))).map((f) => loadSeed(root, f));
}
