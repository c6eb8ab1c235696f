// Crafted DNS edge cases (every RR type tcpdump prints, compression pointers that loop
// or point forward, bit-string/ELT/reserved labels, over-long names, every EDNS option
// with valid and invalid lengths, mDNS QU/cache-flush bits, DNS over TCP prefixes, a
// response cut at every third byte) compared byte for byte with tcpdump 4.99.3.
// fixtures/dns-crafted.py + dns-crafted-pcap.py made the capture; the expected files are
// `TZ=UTC tcpdump -n [-v|-vv|-vvv] -r dns-crafted.pcap`. dns-mutated.pcap (dns-mutated.py,
// seed 7, 400 packets) is those messages with random bytes, pointers and cuts, over UDP,
// TCP and mDNS: a differential fuzz against tcpdump kept as a regression test.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printCaptureBytes } from '../../../electron/engine/summary/print-capture.js';
import { DEFAULT_LINE_OPTIONS } from '../../../electron/engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../../../electron/engine/summary/tcpdump-flags.js';
import { utcOffset } from '../../../electron/engine/summary/timestamp.js';

const dir = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures');

describe.each(['dns-crafted.pcap', 'dns-mutated.pcap'])('%s vs tcpdump 4.99.3', (file) => {
  const capture = new Uint8Array(readFileSync(path.join(dir, file)));
  for (const flag of ['', '-v', '-vv', '-vvv']) {
    it(`tcpdump -n ${flag}`, () => {
      const { opts } = parseTcpdumpFlags(flag ? [flag] : [], { ...DEFAULT_LINE_OPTIONS, tz: utcOffset });
      const ours = printCaptureBytes(capture, opts).lines.join('\n').split('\n');
      const want = readFileSync(path.join(dir, `${file}${flag}.tcpdump.txt`), 'latin1').split('\n');
      if (want[want.length - 1] === '') want.pop();
      // Compare line by line so a failure names the first differing packet.
      for (let i = 0; i < Math.max(ours.length, want.length); i++) expect(ours[i], `line ${i + 1}`).toBe(want[i]);
    });
  }
});
