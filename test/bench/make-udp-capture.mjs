// Makes a synthetic pcap of N minimal Ethernet/IPv4/UDP frames (60 bytes on the wire,
// 76 in the file with the record header): the 10M-row capture of the renderer bench
// (≈ 760 MB) and its 10k-row twin for the heap comparison. The packets cycle through
// 64 UDP flows between 10.0.0.1 and 10.0.0.2, 10 µs apart, with valid IPv4 checksums,
// so every row decodes the same way ("IP 10.0.0.1.40000 > 10.0.0.2.50000: UDP, length 18").
// Usage: node test/bench/make-udp-capture.mjs OUT COUNT
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FRAME = 60;
const RECORD = 16 + FRAME;
/** Bytes per packet in the file. */
export const UDP_RECORD_BYTES = RECORD;
const FLOWS = 64;
const CHUNK = 65_536;

/** Writes the capture unless a complete one is already there; returns its path. */
export function makeUdpCapture(out, count) {
  if (existsSync(out) && statSync(out).size === 24 + count * RECORD) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    const hdr = Buffer.alloc(24);
    hdr.writeUInt32LE(0xa1b2c3d4, 0);
    hdr.writeUInt16LE(2, 4);
    hdr.writeUInt16LE(4, 6);
    hdr.writeUInt32LE(65535, 16);
    hdr.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
    writeSync(fd, hdr);
    const buf = Buffer.alloc(CHUNK * RECORD);
    const base = 1_700_000_000;
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      for (let k = 0; k < n; k++) writeRecord(buf, k * RECORD, start + k, base);
      writeSync(fd, buf, 0, n * RECORD);
    }
    closeSync(fd);
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  renameSync(tmp, out);
  return out;
}

function writeRecord(b, o, i, base) {
  const usec = i * 10;
  b.writeUInt32LE(base + Math.floor(usec / 1e6), o);
  b.writeUInt32LE(usec % 1e6, o + 4);
  b.writeUInt32LE(FRAME, o + 8);
  b.writeUInt32LE(FRAME, o + 12);
  const e = o + 16;
  // Ethernet: 02:00:00:00:00:02 <- 02:00:00:00:00:01, IPv4.
  b.writeUInt32BE(0x02000000, e);
  b.writeUInt32BE(0x00020200, e + 4);
  b.writeUInt32BE(0x00000001, e + 8);
  b.writeUInt16BE(0x0800, e + 12);
  const ip = e + 14;
  b.writeUInt32BE(0x45000000 | (FRAME - 14), ip);
  b.writeUInt16BE(i & 0xffff, ip + 4); // id
  b.writeUInt16BE(0x4000, ip + 6); // DF
  b.writeUInt32BE(0x40110000, ip + 8); // TTL 64, UDP, checksum 0 for now
  b.writeUInt32BE(0x0a000001, ip + 12);
  b.writeUInt32BE(0x0a000002, ip + 16);
  let sum = 0;
  for (let w = 0; w < 20; w += 2) sum += b.readUInt16BE(ip + w);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  b.writeUInt16BE(~sum & 0xffff, ip + 10);
  const udp = ip + 20;
  const flow = i % FLOWS;
  b.writeUInt16BE(40000 + flow, udp);
  b.writeUInt16BE(50000 + flow, udp + 2);
  b.writeUInt16BE(FRAME - 14 - 20, udp + 4);
  b.writeUInt16BE(0, udp + 6); // no UDP checksum (allowed over IPv4)
  for (let p = udp + 8; p < e + FRAME; p++) b[p] = 0x61 + ((i + p) % 26);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, count] = process.argv.slice(2);
  if (!out || !count) throw new Error('usage: make-udp-capture.mjs OUT COUNT');
  console.log(makeUdpCapture(out, Number(count)));
}
