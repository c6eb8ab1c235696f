// `&` on byte sequences, as Wireshark 4.0 evaluates its default "Broadcast" colouring rule
// (`eth[0] & 1`): true when the bytes and the mask share a set bit. Checked against tshark.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { capturesDir, haveCaptures } from '../../support/captures.js';
import { loadCapture, runFilter } from './run-filter.js';

const haveTshark = spawnSync('tshark', ['-v']).status === 0;

describe('"&" on byte sequences', () => {
  it('compiles on slices and byte fields; a mask that is no byte string is refused where it is', () => {
    for (const f of ['eth[0] & 1', 'eth.dst & 01:00:00:00:00:00', 'eth[0:2] & ff.00']) expect(compileFilter(f), f).toMatchObject({ ok: true });
    expect(compileFilter('eth[0] & zz')).toMatchObject({ ok: false, error: { position: 9 } });
  });

  it.skipIf(!haveCaptures || !haveTshark)('matches the packets tshark matches', () => {
    for (const name of ['icmpv6-ping6.pcap', 'arp-request-reply.pcap', 'dhcp-dora-dhclient.pcap', 'tcp-http-curl.pcap']) {
      const file = path.join(capturesDir, 'scenarios', name);
      const cap = loadCapture(file);
      for (const f of ['eth[0] & 1', 'eth.dst & 01:00:00:00:00:00', 'eth.src[5] & 0x10', 'eth.src[5] & 20', 'eth[0:2] & ff.00']) {
        const ts = spawnSync('tshark', ['-n', '-r', file, '-Y', f, '-T', 'fields', '-e', 'frame.number'], { encoding: 'utf8' });
        expect(ts.status, ts.stderr).toBe(0);
        const want = ts.stdout.split('\n').filter(Boolean).map(Number);
        const got = runFilter(cap, f);
        expect(got.frames, `${name}: ${f}`).toEqual(want);
        expect(got.inconsistent).toEqual([]);
      }
    }
  });
});
