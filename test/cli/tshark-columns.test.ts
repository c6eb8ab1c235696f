// Wireshark's Protocol and Info columns (-T fields -e _ws.col.Protocol -e _ws.col.Info)
// against the columns tshark 4.0 stored beside every scenario capture (F.tshark.tsv, made
// with `tshark -r F -T fields ... -e _ws.col.Protocol -e _ws.col.Info`; gzip-ed for the
// 112k-packet capture). X.pcapng is checked against X.pcap's. Every frame must agree.
import { readdirSync } from 'node:fs';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures, readCapture, readText } from '../support/captures.js';
import { runCli } from './tshark-run.js';

const files = haveCaptures ? readdirSync(capturePath('scenarios')).filter((f) => /\.pcap(ng)?$/.test(f) && !(f.startsWith('tcp-bulk') && f.endsWith('ng'))) : [];

function reference(file: string): string[][] {
  const rel = `scenarios/${file.replace(/\.pcapng$/, '.pcap')}.tshark.tsv`;
  const text = file.startsWith('tcp-bulk') ? new TextDecoder().decode(gunzipSync(readCapture(`${rel}.gz`))) : readText(rel);
  const [head, ...rows] = text.split('\n').filter(Boolean);
  const cols = head!.split('\t');
  const p = cols.indexOf('_ws.col.Protocol');
  const i = cols.indexOf('_ws.col.Info');
  return rows.map((r) => {
    const v = r.split('\t');
    return [v[p] ?? '', v[i] ?? ''];
  });
}

describe.skipIf(!haveCaptures)('Protocol and Info columns agree with tshark on every frame', () => {
  it.each(files)('%s', async (file) => {
    const want = reference(file);
    const r = await runCli(['tshark', '-n', '-r', capturePath(`scenarios/${file}`), '-T', 'fields', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info']);
    expect(r.code).toBe(0);
    const got = Buffer.from(r.out, 'latin1').toString('utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
    expect(got.length).toBe(want.length);
    const differing = want.map((w, k) => ({ frame: k + 1, want: w.join(' | '), got: (got[k] ?? []).join(' | ') })).filter((d) => d.want !== d.got);
    expect(differing.slice(0, 5)).toEqual([]);
  });
});
