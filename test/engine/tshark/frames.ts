// Test helper: hand-built Ethernet/IPv4 TCP and UDP frames fed straight to a TsharkPass
// (client 10.0.0.1:1000, server 10.0.0.2:80 unless said otherwise).
import type { CaptureInterface, PacketRecord } from '../../../electron/capfile/types.js';
import type { Tap } from '../../../electron/engine/tshark/tap.js';
import { TsharkPass } from '../../../electron/engine/tshark/tshark-pass.js';

export interface Seg {
  /** 'c' client to server, 's' server to client. */
  dir: 'c' | 's';
  flags: string;
  seq: number;
  ack?: number;
  data?: string | Uint8Array;
  /** Bytes captured of the payload (snapshot length); default all. */
  captured?: number;
  /** UDP instead of TCP. */
  udp?: boolean;
  sport?: number;
  dport?: number;
}

const FLAG_BITS: Record<string, number> = { F: 0x01, S: 0x02, R: 0x04, P: 0x08, A: 0x10 };

function checksum(b: Uint8Array, from: number, to: number): number {
  let s = 0;
  for (let k = from; k < to; k += 2) s += (b[k]! << 8) | (b[k + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

export function frame(s: Seg): { bytes: Uint8Array; wirelen: number } {
  const payload = typeof s.data === 'string' ? new TextEncoder().encode(s.data) : (s.data ?? new Uint8Array(0));
  const thl = s.udp ? 8 : 20;
  const ipLen = 20 + thl + payload.length;
  const b = new Uint8Array(14 + ipLen);
  const client = s.dir === 'c';
  b.set([2, 0, 0, 0, 0, client ? 2 : 1, 2, 0, 0, 0, 0, client ? 1 : 2, 0x08, 0x00], 0);
  const ip = 14;
  b.set([0x45, 0, ipLen >> 8, ipLen & 255, 0, 1, 0x40, 0, 64, s.udp ? 17 : 6, 0, 0], ip);
  b.set(client ? [10, 0, 0, 1, 10, 0, 0, 2] : [10, 0, 0, 2, 10, 0, 0, 1], ip + 12);
  const c = checksum(b, ip, ip + 20);
  b[ip + 10] = c >> 8;
  b[ip + 11] = c & 255;
  const t = ip + 20;
  const sport = s.sport ?? (client ? 1000 : 80);
  const dport = s.dport ?? (client ? 80 : 1000);
  b.set([sport >> 8, sport & 255, dport >> 8, dport & 255], t);
  if (s.udp) {
    const l = 8 + payload.length;
    b.set([l >> 8, l & 255, 0, 0], t + 4);
  } else {
    const ack = s.ack ?? 0;
    const dv = new DataView(b.buffer);
    dv.setUint32(t + 4, s.seq >>> 0);
    dv.setUint32(t + 8, ack >>> 0);
    b[t + 12] = 5 << 4;
    b[t + 13] = [...s.flags].reduce((f, ch) => f | (FLAG_BITS[ch] ?? 0), 0);
    dv.setUint16(t + 14, 65535);
  }
  b.set(payload, t + thl);
  const keep = s.captured === undefined ? b.length : t + thl + s.captured;
  return { bytes: b.subarray(0, keep), wirelen: b.length };
}

const IFACE: CaptureInterface = { id: 0, section: 0, linktype: 1, snaplen: 262144, tsUnitsPerSecond: 1e6, nanoPrecision: false, tsOffset: 0 };

/** Runs the segments (one per millisecond) through a pass with the given taps. */
export function runFrames(segs: readonly Seg[], taps: readonly Tap[]): TsharkPass {
  const pass = new TsharkPass(taps);
  pass.addInterface(IFACE);
  segs.forEach((s, k) => {
    const { bytes, wirelen } = frame(s);
    const rec: PacketRecord = { number: k + 1, interfaceId: 0, tsSec: 1000, tsNsec: k * 1_000_000, caplen: bytes.length, wirelen, dataOffset: 0, recordOffset: 0, blockType: 0 };
    pass.add(rec, bytes);
  });
  return pass;
}
