// Every field of the engine's registry that Wireshark also has, printed by `ackline tshark
// -T fields` and by the live tshark (skipped without it) on every scenario capture but the
// 112k-packet one: the cells that differ must be in fields listed in KNOWN (with why), and
// each field listed must still differ (so the list stays honest).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldNames } from '../../electron/engine/filter/field-registry.js';
import { WS_FIELD_TYPES } from '../../electron/engine/tshark/ws-field-types.js';
import { capturePath, haveCaptures } from '../support/captures.js';
import { outBytes, runCli } from './tshark-run.js';
import { haveTshark } from '../support/tools.js';

const tshark = haveTshark;

/** Fields whose values still differ from tshark's somewhere on the scenario captures. */
export const KNOWN: Record<string, string> = {};

const captures = haveCaptures ? readdirSync(capturePath('scenarios')).filter((f) => f.endsWith('.pcap') && !f.startsWith('tcp-bulk')) : [];
const wsNames = new Set(WS_FIELD_TYPES.map(([n]) => n));
const fields = ['frame.number', ...fieldNames().filter((n) => wsNames.has(n) && n !== 'frame.number'), 'tcp.completeness', 'tcp.analysis.initial_rtt', 'frame.time', 'frame.time_delta_displayed', '_ws.col.Protocol', '_ws.col.Info'];

describe.skipIf(!haveCaptures || !tshark)('-T fields for every registry field, against the live tshark', () => {
  const differing = new Map<string, number>();
  let cells = 0;
  let bad = 0;

  it.each(captures)('%s', async (file) => {
    const args = ['-n', '-r', capturePath(`scenarios/${file}`), '-T', 'fields', ...fields.flatMap((f) => ['-e', f])];
    const want = execFileSync('tshark', args, { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').split('\n');
    const r = await runCli(['tshark', ...args]);
    expect(r.code).toBe(0);
    const got = outBytes(r).toString('utf8').split('\n');
    expect(got.length).toBe(want.length);
    want.forEach((line, k) => {
      const w = line.split('\t');
      const g = (got[k] ?? '').split('\t');
      fields.forEach((f, c) => {
        if (!w[c] && !g[c]) return;
        cells++;
        if (w[c] === g[c]) return;
        bad++;
        differing.set(f, (differing.get(f) ?? 0) + 1);
        if (!(f in KNOWN)) expect.fail(`${file} frame ${w[0]}: ${f} is "${g[c]}", tshark prints "${w[c]}"`);
      });
    });
  });

  it('differs only in the known fields, each of which still differs', () => {
    expect([...differing.keys()].filter((f) => !(f in KNOWN))).toEqual([]);
    expect(Object.keys(KNOWN).filter((f) => !differing.has(f))).toEqual([]);
    // Every non-empty cell agrees.
    expect(bad).toBe(0);
    expect(cells).toBeGreaterThan(0);
  });
});
