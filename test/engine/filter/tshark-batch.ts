// TEST-ONLY: tshark's verdict on many display filters over one capture in a single run. A
// Lua script gives each filter a tap Listener (Wireshark evaluates a tap's filter on the
// same dissection -Y uses), which collects the frames that match, or the error tshark gave
// when it rejected the filter. Answers are cached in test/.artifacts by tshark version,
// capture and options, so a rerun starts no tshark at all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../support/captures.js';

const cacheFile = path.join(repoRoot, 'test/.artifacts/filter-batch-oracle.json');

/** Frame numbers tshark keeps, or an Error carrying its message. */
export type Verdict = number[] | Error;

const luaString = (s: string): string => `"${[...new TextEncoder().encode(s)].map((b) => `\\${b}`).join('')}"`;

function script(filters: readonly string[]): string {
  return `
local filters = { ${filters.map(luaString).join(', ')} }
local out = {}
for i, f in ipairs(filters) do
  local ok, l = pcall(Listener.new, "frame", f)
  if ok then
    out[i] = {}
    l.packet = function(pinfo) table.insert(out[i], pinfo.number) end
  else
    out[i] = string.gsub(tostring(l), "[\\r\\n\\t]+", " ")
  end
end
local last = Listener.new("frame", "frame.number == 0")
function last.draw()
  for i = 1, #filters do
    if type(out[i]) == "string" then io.write("E\\t", out[i], "\\n") else io.write("M\\t", table.concat(out[i], " "), "\\n") end
  end
end
`;
}

export class TsharkBatch {
  private cache: Record<string, string> = {};
  private dirty = false;

  constructor(
    readonly version: string,
    /** Extra tshark options (preferences) the verdicts depend on. */
    private readonly options: readonly string[] = [],
  ) {
    if (existsSync(cacheFile)) {
      try {
        const j = JSON.parse(readFileSync(cacheFile, 'utf8')) as { version?: string; answers?: Record<string, string> };
        if (j.version === version && j.answers) this.cache = j.answers;
      } catch {
        this.cache = {};
      }
    }
  }

  private key(rel: string, filter: string): string {
    return `${this.options.join(' ')}\t${rel}\t${filter}`;
  }

  /** tshark's verdicts on `filters` over `file` (one run for those not cached). */
  verdicts(file: string, rel: string, filters: readonly string[]): Map<string, Verdict> {
    const missing = [...new Set(filters.filter((f) => this.cache[this.key(rel, f)] === undefined))];
    if (missing.length) {
      const dir = mkdtempSync(path.join(tmpdir(), 'ackline-tshark-batch-'));
      try {
        const lua = path.join(dir, 'filters.lua');
        writeFileSync(lua, script(missing));
        const r = spawnSync('tshark', ['-q', '-n', ...this.options, '-r', file, '-X', `lua_script:${lua}`], { encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, TZ: 'UTC' } });
        const lines = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('M\t') || l.startsWith('E\t'));
        if (r.status !== 0 || lines.length !== missing.length) throw new Error(`tshark batch failed on ${rel}: ${r.stderr}`);
        missing.forEach((f, k) => {
          const line = lines[k]!;
          this.cache[this.key(rel, f)] = line.startsWith('E\t') ? `ERROR: ${line.slice(2).replace(/^Error while registering tap: /, '')}` : line.slice(2);
        });
        this.dirty = true;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const out = new Map<string, Verdict>();
    for (const f of filters) {
      const a = this.cache[this.key(rel, f)]!;
      out.set(f, a.startsWith('ERROR: ') ? new Error(a.slice(7)) : a === '' ? [] : a.split(' ').map(Number));
    }
    return out;
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    let all: Record<string, string> = {};
    try {
      const j = JSON.parse(readFileSync(cacheFile, 'utf8')) as { version?: string; answers?: Record<string, string> };
      if (j.version === this.version && j.answers) all = j.answers;
    } catch {
      all = {};
    }
    writeFileSync(cacheFile, JSON.stringify({ version: this.version, answers: { ...all, ...this.cache } }));
    this.dirty = false;
  }
}

/** `tshark -T fields` values of `fields` for every frame: values[frame-1][field] = every occurrence. */
export function fieldValues(file: string, fields: readonly string[], options: readonly string[] = []): string[][][] {
  const r = spawnSync('tshark', ['-n', ...options, '-r', file, '-T', 'fields', '-E', 'occurrence=a', '-E', 'aggregator=\u0001', ...fields.flatMap((f) => ['-e', f])], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, TZ: 'UTC' },
  });
  if (r.status !== 0) throw new Error(`tshark -T fields failed on ${file}: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .slice(0, -1)
    .map((line) => line.split('\t').map((v) => (v === '' ? [] : v.split('\u0001'))));
}
