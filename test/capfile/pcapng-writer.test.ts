// A pcapng file read and written back keeps everything a reader can see: our reader reports
// the same sections, interfaces, packets, comments, flags, statistics and names; tshark lists
// the same frames (number, time, lengths, interface, protocol, comment); capinfos prints the
// same summary (apart from the file's name, size and hashes).

import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readCaptureBytes } from '../../electron/capfile/capture-reader.js';
import {
  interfaceOptionsFrom,
  PcapngWriter,
  sectionOptionsFromInfo,
} from '../../electron/capfile/pcapng-writer.js';
import {
  capturePath,
  haveCorpus,
  validCaptures,
  loadCapture,
  readAll,
  tsharkFrames,
  TSHARK_FRAME_FIELDS,
  type ReadResult,
} from './corpus.js';

const run = promisify(execFile);
const haveTshark = spawnSync('tshark', ['-v']).status === 0 && spawnSync('capinfos', ['-v']).status === 0;

/** Re-writes a pcapng file through the reader and the writer, block by block in file order. */
export function rewritePcapng(bytes: Uint8Array): Uint8Array {
  let w: PcapngWriter | null = null;
  const chunks: Uint8Array[] = [];
  const local = new Map<number, number>(); // reader's file-wide interface id -> writer's id
  const writer = (): PcapngWriter => {
    if (!w) throw new Error('block before SHB');
    return w;
  };
  const localId = (id: number): number => {
    const l = local.get(id);
    if (l === undefined) throw new Error(`unknown interface ${id}`);
    return l;
  };
  const reader = readCaptureBytes(bytes, {
    onHeader: (_f, info) => {
      if (!w) {
        w = new PcapngWriter(sectionOptionsFromInfo(info));
        chunks.push(w.sectionHeader());
      } else chunks.push(w.newSection(sectionOptionsFromInfo(info)));
    },
    onInterface: (iface) => {
      const { id, block } = writer().addInterface(interfaceOptionsFrom(iface));
      local.set(iface.id, id);
      chunks.push(block);
    },
    onPacket: (rec, data) => void chunks.push(writer().packet(localId(rec.interfaceId), rec, data)),
    onStatistics: (s) => void chunks.push(writer().statistics(localId(s.interfaceId), s)),
    onNames: (names) => void chunks.push(writer().names(names)),
    onOtherBlock: (_type, block) => void chunks.push(writer().rawBlock(block)),
  });
  expect(reader.error).toBeNull();
  return new Uint8Array(Buffer.concat(chunks));
}

const PCAPNGS = validCaptures().filter((f) => f.endsWith('.pcapng'));

const digest = (arrays: Uint8Array[]): string =>
  createHash('sha256')
    .update(arrays.map((a) => `${a.length}:${Buffer.from(a).toString('hex')}`).join(','))
    .digest('hex');

/** What must survive a re-write (file offsets move; an obsolete PB becomes an EPB). */
function visible(r: ReadResult) {
  return {
    headers: r.headers,
    interfaces: r.interfaces,
    packets: r.packets.map(({ dataOffset: _d, recordOffset: _r, blockType, ...rest }) => ({
      ...rest,
      blockType: blockType === 2 ? 6 : blockType,
    })),
    // Packet bytes compared as one digest: a deep diff of thousands of arrays is very slow.
    data: digest(r.data),
    stats: r.stats,
    names: r.names,
    otherBlocks: digest(r.otherBlocks.map((b) => b.bytes)),
    refusal: r.reader.libpcapWouldRefuse,
  };
}

describe.skipIf(!haveCorpus)('pcapng round trip', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ackline-io-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rewritten = new Map<string, string>();

  it.each(PCAPNGS)('%s reads back the same', (rel) => {
    const bytes = loadCapture(rel);
    const out = rewritePcapng(bytes);
    expect(visible(readAll(out))).toEqual(visible(readAll(bytes)));
    const file = join(dir, rel.replace(/\//g, '__'));
    writeFileSync(file, out);
    rewritten.set(rel, file);
  });

  const tsharkFields = TSHARK_FRAME_FIELDS.flatMap((f) => ['-e', f]);
  const tsharkLines = async (file: string): Promise<string[]> =>
    (await run('tshark', ['-r', file, '-T', 'fields', ...tsharkFields], { maxBuffer: 1 << 26 })).stdout
      .split('\n')
      .filter((l) => l.length > 0);

  it.skipIf(!haveTshark)('tshark lists the same frames in every re-written file', async () => {
    // tshark takes ~0.5 s to start, so all re-written files are checked in one run: pcapng
    // files concatenated are one file of many sections, and tshark numbers their frames on.
    // The protocol column is left out here: TCP state carries over from file to file (an
    // HTTP request may show as TCP); the runs on single files below compare it too.
    const files = [...rewritten.entries()];
    expect(files.length).toBe(PCAPNGS.length);
    const all = join(dir, 'all-sections.pcapng');
    writeFileSync(all, Buffer.concat(files.map(([, f]) => readFileSync(f))));
    const noProtocol = (line: string): string => line.split('\t').filter((_, i) => i !== 5).join('\t');
    const got = (await tsharkLines(all)).map(noProtocol);
    let n = 0;
    for (const [rel] of files) {
      const want = (tsharkFrames(rel) ?? []).map((f) => noProtocol(f.line.replace(/^\d+/, () => String(++n))));
      expect(got.slice(n - want.length, n), rel).toEqual(want);
    }
    expect(got.length).toBe(n);
  });

  it.skipIf(!haveTshark).each([
    'formats/with-comments.pcapng',
    'formats/multi-interface-linktypes.pcapng',
    'pcapng-suite/pcapng-test-generator/le/difficult-test202.pcapng',
    'pcapng-suite/pcapng-test-generator/be/basic-test008.pcapng',
  ])('tshark lists the same frames in re-written %s on its own', async (rel) => {
    const file = rewritten.get(rel);
    expect(file).toBeDefined();
    if (file) expect(await tsharkLines(file)).toEqual((tsharkFrames(rel) ?? []).map((f) => f.line));
  });

  it.skipIf(!haveTshark)('capinfos prints the same summary for every re-written file', async () => {
    const files = [...rewritten.entries()];
    // One capinfos run for all files (it prints one summary per file, blank-line separated).
    const { stdout } = await run('capinfos', files.map(([, f]) => f), { maxBuffer: 1 << 26 });
    const summaries = stdout.split(/\n(?=File name:)/);
    const strip = (text: string): string =>
      text
        .split('\n')
        .filter((l) => l.trim() && !/^(File name|File size|SHA256|RIPEMD160|SHA1|exit status):/.test(l))
        .join('\n');
    expect(summaries.length).toBe(files.length);
    files.forEach(([rel], i) => {
      const want = strip(readFileSync(capturePath(rel) + '.capinfos.txt', 'utf8'));
      expect(strip(summaries[i] ?? ''), basename(rel)).toBe(want);
    });
  });
});
