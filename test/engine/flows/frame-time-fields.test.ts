// frame.time_* are read from the index's timestamps: wide ones too (a pcapng time after 2106
// does not fit the 32-bit seconds column and lives in the table's side table).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAME_TIME_FIELDS } from '../../../electron/engine/flows/frame-time-fields.js';
import { loadCapture } from '../filter/run-filter.js';

const PAST_2106 = path.resolve(__dirname, '../fuzz/regressions/pcapng-time-past-2106.pcapng');

function values(name: string, ix: ReturnType<typeof loadCapture>['index'], i: number): number[] {
  const out: number[] = [];
  FRAME_TIME_FIELDS.find((f) => f.abbrev === name)!.compute!(ix, i, out);
  return out;
}

describe('frame.time_* from the index', () => {
  it('read times past 2^32 seconds whole', () => {
    const { index } = loadCapture(PAST_2106);
    const t = index.packets;
    const wide = [...Array(t.length).keys()].filter((i) => t.sec(i) >= 2 ** 32);
    expect(wide.length).toBeGreaterThan(0);
    for (const i of wide) {
      expect(values('frame.time_epoch', index, i)).toEqual([t.sec(i) + t.nsec(i) / 1e9]);
      expect(values('frame.time_relative', index, i)[0]).toBeCloseTo(t.sec(i) - t.sec(0) + (t.nsec(i) - t.nsec(0)) / 1e9, 6);
      if (i > 0) expect(values('frame.time_delta', index, i)[0]).toBeCloseTo(t.sec(i) - t.sec(i - 1) + (t.nsec(i) - t.nsec(i - 1)) / 1e9, 6);
    }
  });
});
