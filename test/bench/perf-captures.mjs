// The real-traffic captures of `npm run bench`, made by ../shared/tools/make-perf-captures.sh
// (two network namespaces: short TCP connections, an HTTP bulk download, UDP echo, DNS;
// perf-1m.pcap ≈ 1M packets, perf-big.pcap its 6 time-shifted copies). Looked for in
// BENCH_PERF_DIR, ../perf beside the repository, then the cache out/bench/perf, and made
// there when absent (needs root: about a minute).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export function perfCaptures(root) {
  const cache = path.join(root, 'out/bench/perf');
  const dirs = [process.env.BENCH_PERF_DIR, path.resolve(root, '../perf'), cache].filter(Boolean);
  const found = dirs.find((d) => existsSync(path.join(d, 'perf-1m.pcap')));
  const at = (d) => ({ dir: d, real: path.join(d, 'perf-1m.pcap'), big: existsSync(path.join(d, 'perf-big.pcap')) ? path.join(d, 'perf-big.pcap') : null });
  if (found) return at(found);
  const script = path.resolve(root, '../shared/tools/make-perf-captures.sh');
  if (!existsSync(script)) return { missing: `no real-traffic capture and no ${script} to make one` };
  if (process.getuid?.() !== 0) return { missing: `no real-traffic capture in ${dirs.join(', ')}; make one as root: ${script} ${cache}` };
  console.log(`making the real-traffic captures in ${cache} (make-perf-captures.sh, about a minute)…`);
  const r = spawnSync('bash', [script, cache], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TZ: 'UTC' } });
  if (r.status !== 0 || !existsSync(path.join(cache, 'perf-1m.pcap'))) return { missing: `make-perf-captures.sh failed (exit ${r.status})` };
  return at(cache);
}
