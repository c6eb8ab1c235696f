// tcp.time_relative and tcp.time_delta, as Wireshark computes them with the preference
// tcp.calculate_timestamps on: seconds since the first and since the previous frame of the
// same TCP stream. Every value of every scenario capture against
// `tshark -o tcp.calculate_timestamps:TRUE -T fields -e tcp.time_delta -e tcp.time_relative`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivedGetter } from '../../../electron/engine/filter/index-fields.js';
import { lookupField } from '../../../electron/engine/filter/field-registry.js';
import type { Val } from '../../../electron/engine/filter/values.js';
import { capturePath, haveCaptures } from '../../support/captures.js';
import { loadCapture, runFilter } from '../filter/run-filter.js';
import { haveTshark } from '../filter/tshark-oracle.js';

const SCENARIOS = haveCaptures ? readdirSync(capturePath('scenarios')).filter((f) => f.endsWith('.pcap') && f !== 'tcp-bulk-http.pcap') : [];

function tsharkTimes(file: string): { delta: string; relative: string }[] {
  const r = spawnSync('tshark', ['-n', '-o', 'tcp.calculate_timestamps:TRUE', '-r', file, '-T', 'fields', '-E', 'occurrence=f', '-e', 'tcp.time_delta', '-e', 'tcp.time_relative'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\n').slice(0, -1).map((l) => {
    const [delta = '', relative = ''] = l.split('\t');
    return { delta, relative };
  });
}

describe('tcp.time_delta and tcp.time_relative', () => {
  it('are known to the filter as times in seconds', () => {
    expect(lookupField('tcp.time_delta')).toMatchObject({ type: 'float', source: { kind: 'index' } });
    expect(lookupField('tcp.time_relative')).toMatchObject({ type: 'float', source: { kind: 'index' } });
  });

  describe.skipIf(!haveTshark || !haveCaptures)('agree with tshark on every packet of the scenarios', () => {
    for (const name of SCENARIOS) {
      it(name, () => {
        const file = capturePath(`scenarios/${name}`);
        const cap = loadCapture(file);
        const want = tsharkTimes(file);
        expect(cap.index.packets.length).toBe(want.length);
        const delta = derivedGetter('tcp.time_delta')!;
        const relative = derivedGetter('tcp.time_relative')!;
        const show = (v: Val[]): string => (v.length ? (v[0] as number).toFixed(9) : '');
        const got = want.map((_, i) => {
          const d: Val[] = [];
          const r: Val[] = [];
          delta(cap.index, i, d);
          relative(cap.index, i, r);
          return { delta: show(d), relative: show(r) };
        });
        expect(got).toEqual(want);
      });
    }
  });

  it.skipIf(!haveCaptures)('filter packets by the gap in their own stream, not in the capture', () => {
    // tcp-handshake-data-client-close: frame 10 comes 0.100304 s after frame 9 of its stream.
    const cap = loadCapture(capturePath('scenarios/tcp-handshake-data-client-close.pcap'));
    expect(runFilter(cap, 'tcp.time_delta > 0.1').frames).toEqual([10, 12]);
    expect(runFilter(cap, 'tcp.time_relative == 0').frames).toEqual([3]);
    expect(runFilter(cap, 'tcp.time_relative >= 0.1 && tcp.time_relative < 0.2').frames).toEqual([10, 11]);
    expect(runFilter(cap, 'tcp.time_delta').frames).toEqual(runFilter(cap, 'tcp').frames);
  });
});
