// `ackline tshark` against tshark 4.0 on every scenario capture: the references in
// test/fixtures/tshark/expected/ are tshark's own output for the cases of
// test/fixtures/tshark/cases.json (regenerate them with
// `node test/fixtures/tshark/make-references.mjs`, which runs the live tshark). Every byte
// must agree. X.pcapng uses X.pcap's reference (the generator checked they agree) unless it
// has its own.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures, repoRoot } from '../support/captures.js';
import { outBytes, runCli } from './tshark-run.js';

const fixtures = path.join(repoRoot, 'test/fixtures/tshark');
const { cases } = JSON.parse(readFileSync(path.join(fixtures, 'cases.json'), 'utf8')) as { cases: { name: string; args: string[]; skip?: string[] }[] };
const scenarios = haveCaptures ? readdirSync(capturePath('scenarios')).filter((f) => /\.pcap(ng)?$/.test(f)).sort() : [];
// The 112k-packet capture is checked once (its .pcap): it takes seconds per case.
const files = scenarios.filter((f) => !(f.startsWith('tcp-bulk') && f.endsWith('.pcapng')));

/** The reference text, or for a long output its SHA-256 ({ sha256 }). */
function reference(file: string, caseName: string): { text: string } | { sha256: string } | null {
  for (const f of [file, file.replace(/\.pcapng$/, '.pcap')]) {
    const base = path.join(fixtures, 'expected', `${f}.${caseName}`);
    if (existsSync(`${base}.txt`)) return { text: readFileSync(`${base}.txt`, 'latin1') };
    if (existsSync(`${base}.sha256`)) return { sha256: readFileSync(`${base}.sha256`, 'utf8').trim() };
  }
  return null;
}

describe.skipIf(!haveCaptures)('ackline tshark output is byte-identical to tshark 4.0', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it.each(files.filter((f) => !c.skip?.includes(f.replace(/ng$/, ''))))('%s', async (file) => {
        const want = reference(file, c.name);
        expect(want, `reference for ${file} (run make-references.mjs)`).not.toBeNull();
        const r = await runCli(['tshark', '-n', '-r', capturePath(`scenarios/${file}`), ...c.args]);
        expect(r.err).toBe('');
        expect(r.code).toBe(0);
        if (want && 'sha256' in want) expect(createHash('sha256').update(outBytes(r)).digest('hex'), 'SHA-256 of the output').toBe(want.sha256);
        else expect(outBytes(r).toString('latin1')).toBe(want!.text);
        // The 112k-packet capture takes tens of seconds of CPU per case (minutes on a shared machine).
      }, 600_000);
    });
  }
});
