// pcapng packet comments (opt_comment) in `ackline tshark`, against tshark 4.0's own output
// (test/fixtures/tshark/comments/, made by make-comment-references.mjs): frame.comment in
// -T fields and json, the filter, the Packet comments node of -V, the Comment-level expert
// items and pkt_comment in the protocol hierarchy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturePath, haveCaptures, repoRoot } from '../support/captures.js';
import { outBytes, runCli } from './tshark-run.js';

const dir = path.join(repoRoot, 'test/fixtures/tshark/comments');
const { files, cases } = JSON.parse(readFileSync(path.join(dir, 'cases.json'), 'utf8')) as { files: string[]; cases: { name: string; args: string[]; only?: string[] }[] };

describe.skipIf(!haveCaptures)('packet comments print as tshark 4.0 prints them', () => {
  for (const file of files) {
    it.each(cases.filter((c) => !c.only || c.only.includes(file)))(`${file}: $name`, async (c) => {
      const want = readFileSync(path.join(dir, `${file.replace(/\//g, '_')}.${c.name}.txt`), 'latin1');
      const r = await runCli(['tshark', '-n', '-r', capturePath(file), ...c.args]);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(outBytes(r).toString('latin1')).toBe(want);
    });
  }
});
