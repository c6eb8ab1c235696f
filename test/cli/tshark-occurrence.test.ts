// `-E occurrence=N`: Ackline's extension of tshark 4.0's -E occurrence=f|l|a (4.0 refuses a
// number): the Nth occurrence of each field, counted from the end when N is negative, as
// Wireshark's custom columns count them; 0 is every occurrence (a). Checked against tshark's
// own every-occurrence output (the fields-aggregate golden reference), field by field.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setFieldsOption, DEFAULT_FIELDS_OPTIONS } from '../../electron/engine/tshark/tshark-fields.js';
import { capturePath, haveCaptures, repoRoot } from '../support/captures.js';
import { runCli } from './tshark-run.js';

const NAME = 'icmp-router-errors.pcap';
const FIELDS = ['frame.number', 'ip.src', 'ip.ttl', 'udp.port', 'icmp.type', 'ipv6.src'];

/** tshark's cells (quote=s, aggregator=;, separator=|) as lists of occurrences. */
function tsharkAll(): string[][][] {
  const text = readFileSync(path.join(repoRoot, `test/fixtures/tshark/expected/${NAME}.fields-aggregate.txt`), 'latin1');
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('|').map((c) => (c === '' ? [] : c.slice(1, -1).split(';'))));
}

async function ours(occurrence: string): Promise<string[][]> {
  const args = ['tshark', '-n', '-r', capturePath(`scenarios/${NAME}`), '-Y', 'ip || ipv6', '-T', 'fields', '-E', 'separator=|', '-E', `occurrence=${occurrence}`];
  const r = await runCli([...args, ...FIELDS.flatMap((f) => ['-e', f])]);
  expect(r.err).toBe('');
  return r.out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('|'));
}

describe.skipIf(!haveCaptures)('-E occurrence=N', () => {
  const all = haveCaptures ? tsharkAll() : [];

  it.each([
    ['1', (v: string[]) => v[0]],
    ['2', (v: string[]) => v[1]],
    ['3', (v: string[]) => v[2]],
    ['-1', (v: string[]) => v.at(-1)],
    ['-2', (v: string[]) => v.at(-2)],
    ['0', (v: string[]) => v.join(',')],
  ])('occurrence=%s picks from tshark’s list of every occurrence', async (n, pick) => {
    const got = await ours(n);
    expect(got.length).toBe(all.length);
    expect(got).toEqual(all.map((cells) => cells.map((v) => (v.length ? pick(v) ?? '' : ''))));
    expect(all.some((cells) => cells.some((v) => v.length > 1))).toBe(true);
  });

  it('keeps tshark’s f, l and a, and refuses what is not a count', () => {
    expect(setFieldsOption(DEFAULT_FIELDS_OPTIONS, 'occurrence', 'f')).toMatchObject({ occurrence: 'f' });
    expect(setFieldsOption(DEFAULT_FIELDS_OPTIONS, 'occurrence', '-3')).toMatchObject({ occurrence: -3 });
    expect(setFieldsOption(DEFAULT_FIELDS_OPTIONS, 'occurrence', '0')).toMatchObject({ occurrence: 'a' });
    for (const bad of ['x', '1.5', '', '+', '2x']) expect(setFieldsOption(DEFAULT_FIELDS_OPTIONS, 'occurrence', bad)).toBe(`invalid -E occurrence value "${bad}" (f, l, a or a number: N-th, -N-th from the end)`);
  });
});
