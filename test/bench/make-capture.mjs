// Makes the benchmark capture: N copies of a real capture (default: the 112,765-packet
// scenarios/tcp-bulk-http.pcap, 9 copies ≈ 1,000,000 packets, ≈ 112 MB), each copy shifted
// in time and given its own client port so that every copy is a distinct TCP connection.
// Usage: node test/bench/make-capture.mjs [OUT] [copies] [SOURCE.pcap]
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = process.argv[2] ?? path.join(root, 'out/bench/bench-1m.pcap');
const copies = Number(process.argv[3] ?? 9);
const src = process.argv[4] ?? path.resolve(root, '../shared/captures/scenarios/tcp-bulk-http.pcap');

export function makeCapture() {
  if (existsSync(out)) return out;
  mkdirSync(path.dirname(out), { recursive: true });
  const b = readFileSync(src);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (dv.getUint32(0, true) !== 0xa1b2c3d4) throw new Error('expected a little-endian microsecond pcap');
  const fd = openSync(out, 'w');
  writeSync(fd, b, 0, 24);
  const firstSec = dv.getUint32(24, true);
  let lastSec = firstSec;
  for (let p = 24; p + 16 <= b.length; p += 16 + dv.getUint32(p + 8, true)) lastSec = dv.getUint32(p, true);
  const span = lastSec - firstSec + 1;
  for (let c = 0; c < copies; c++) {
    const copy = Buffer.from(b.subarray(24));
    const cv = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
    for (let p = 0; p + 16 <= copy.length; ) {
      const caplen = cv.getUint32(p + 8, true);
      cv.setUint32(p, cv.getUint32(p, true) + c * span, true);
      // Ethernet + IPv4 + TCP: move the client's port (the one that is not 80) by the copy number.
      const ip = p + 16 + 14;
      if (caplen >= 14 + 20 + 4 && copy[p + 16 + 12] === 0x08 && copy[p + 16 + 13] === 0x00) {
        const tcp = ip + (copy[ip] & 15) * 4;
        for (const o of [tcp, tcp + 2]) {
          const port = cv.getUint16(o, false);
          if (port !== 80) cv.setUint16(o, (port + c) & 0xffff, false);
        }
      }
      p += 16 + caplen;
    }
    writeSync(fd, copy);
  }
  closeSync(fd);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(makeCapture());
