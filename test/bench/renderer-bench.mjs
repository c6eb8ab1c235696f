// Renderer figures for `npm run bench`, measured in Debian's Chromium (playwright-core)
// against `ackline serve`, the way a user meets them:
//  (a) open → first rows painted for the 1M-packet capture, opened from the welcome
//      screen's recent files, and whether those rows are usable while the rest loads;
//  (b) frame times (requestAnimationFrame timestamps in the page) while the packet list
//      is scrolled programmatically through a 10M-row capture: a steady wheel-like scroll,
//      then a drag of the scrollbar thumb from top to bottom (each frame jumps ~17k rows,
//      so those rows show as "…" until fetched: the thumb-jump figure says how long that takes);
//  (c) the renderer's JS heap (CDP: HeapProfiler.collectGarbage, Runtime.getHeapUsage)
//      after scrolling through the 10M-row capture vs after the same on a 10k-row one;
//  (d), (e) the I/O Graph and sorting by a header on the 1M-packet capture (workbench-bench.mjs).
// A benchmark: it prints figures beside their targets, it does not assert.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { makeCapture } from './make-capture.mjs';
import { makeUdpCapture, UDP_RECORD_BYTES } from './make-udp-capture.mjs';
import { ioGraphFigure, sortFigure } from './workbench-bench.mjs';

const CHROMIUM = '/usr/bin/chromium';
const LIST = '[data-testid="packet-list"]';
const fmt = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
const median = (xs) => pct([...xs].sort((a, b) => a - b), 0.5);

/** `ackline serve --port 0` with its own config folder (recent files seeded with `files`). */
async function serve(root, files) {
  const config = mkdtempSync(path.join(tmpdir(), 'ackline-rbench-'));
  mkdirSync(path.join(config, 'ackline'));
  const recent = files.map((f, i) => ({ path: f, name: path.basename(f), openedAt: Date.now() - i }));
  writeFileSync(path.join(config, 'ackline/recent-files.json'), JSON.stringify(recent));
  const proc = spawn(process.execPath, [path.join(root, 'electron/cli/ackline.mjs'), 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, XDG_CONFIG_HOME: config },
  });
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: proc.stdout }).once('line', resolve);
    proc.once('exit', (c) => reject(new Error(`ackline serve exited with ${c}`)));
  });
  return {
    url,
    async close() {
      const gone = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await gone;
      rmSync(config, { recursive: true, force: true });
    },
  };
}

/** A fresh tab on the welcome screen; its CDP session for heap figures. */
async function tab(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Stamps the first session event, engine update and rows reply after each open (the
  // breakdown of the open figure: host and engine vs renderer).
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    window.__ws = {};
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (e) => {
          if (typeof e.data !== 'string') return;
          const marks = window.__ws;
          const now = performance.now();
          if (!marks.session && e.data.startsWith('{"c":"session","m":{"t":"ev","n":"session"')) marks.session = now;
          else if (!marks.update && e.data.startsWith('{"c":"engine","m":{"t":"ev","n":"update"')) marks.update = now;
          else if (marks.update && !marks.rows && e.data.startsWith('{"c":"engine","m":{"t":"res"') && e.data.includes('"rows":[{')) marks.rows = now;
        });
      }
    };
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="recent-files"] button.open', { timeout: 120_000 });
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

/**
 * Clicks the recent-file entry for `file` and times, inside the page, from the click to the
 * first frame painted with row 0 filled (rAF, then a message posted from it: after paint).
 */
async function timeOpen(page, file) {
  return page.evaluate(
    ({ file, LIST }) =>
      new Promise((resolve, reject) => {
        const button = [...document.querySelectorAll('[data-testid="recent-files"] button.open')].find((b) => b.title === file);
        if (!button) return reject(new Error(`no recent entry for ${file}`));
        const filled = () => document.querySelector(`${LIST} [role="row"][data-index="0"] .info`)?.textContent;
        let t0 = 0;
        const obs = new MutationObserver(() => {
          if (!filled()) return;
          obs.disconnect();
          const tDom = performance.now();
          requestAnimationFrame(() => {
            const ch = new MessageChannel();
            ch.port1.onmessage = () => {
              const rows = document.querySelectorAll(`${LIST} [role="row"][data-index]`);
              const pending = document.querySelectorAll(`${LIST} [role="row"][data-index].pending`).length;
              const ws = window.__ws;
              resolve({
                session: ws.session - t0,
                update: ws.update - t0,
                reply: ws.rows - t0,
                dom: tDom - t0,
                painted: performance.now() - t0,
                rows: rows.length,
                pending,
                loading: !!document.querySelector('[data-testid="stop-loading"]'),
                counts: document.querySelector('[data-testid="counts"]')?.textContent?.trim() ?? '',
              });
            };
            ch.port2.postMessage(0);
          });
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        window.__ws = {};
        t0 = performance.now();
        button.click();
      }),
    { file, LIST },
  );
}

async function loaded(page, total, timeout) {
  await page.waitForFunction(
    ({ total }) => {
      const c = document.querySelector('[data-testid="counts"]')?.textContent ?? '';
      return !document.querySelector('[data-testid="stop-loading"]') && c.replace(/,/g, '').includes(`Packets: ${total} `);
    },
    { total },
    { timeout, polling: 250 },
  );
}

/**
 * (a) Open → first rows, in `runs` fresh tabs; in the last one a row is then selected
 * while the file still loads (its detail tree, then its flow's ladder), and the whole
 * load is timed.
 */
async function openFigure(browser, url, file, total, runs) {
  const times = [];
  let usable = 'n/a';
  let full = NaN;
  for (let r = 0; r < runs; r++) {
    const t = await tab(browser, url);
    try {
      const start = Date.now();
      const m = await timeOpen(t.page, file);
      times.push(m);
      if (r === runs - 1) {
        const t1 = Date.now();
        await t.page.click(`${LIST} [data-index="2"]`);
        await t.page.waitForSelector('[data-testid="detail-tree"] [data-field]', { timeout: 120_000 });
        const tree = Date.now() - t1;
        const during = await t.page.$('[data-testid="stop-loading"]');
        const counts = ((await t.page.textContent('[data-testid="counts"]')) ?? '').trim();
        await t.page.waitForSelector('[data-testid="ladder-svg"] g.arrow', { timeout: 120_000 });
        const ladder = Date.now() - t1;
        const arrows = ((await t.page.textContent('[data-testid="ladder-pane"] .sum')) ?? '').split(' · ')[0];
        usable = `row 3 selected ${during ? `while loading (${counts})` : 'after the load had ended'}: detail tree in ${tree} ms, its flow's ladder in ${ladder} ms${arrows ? ` (${arrows})` : ''}`;
      }
      await loaded(t.page, total, 300_000);
      if (r === runs - 1) full = Date.now() - start;
    } finally {
      await t.close();
    }
  }
  return { times, usable, full };
}

/**
 * (b) Frame times while scrolling the list from inside the page: every rAF moves the list
 * (a wheel notch through the list's own handler, or the scrollbar thumb dragged from top
 * to bottom) and records its timestamp; long tasks are counted by a PerformanceObserver.
 */
async function scrollFrames(page, mode, frames) {
  return page.evaluate(
    ({ mode, frames, LIST }) =>
      new Promise((resolve) => {
        const el = document.querySelector(LIST);
        const max = el.scrollHeight - el.clientHeight;
        const stamps = [];
        const longTasks = [];
        const lt = new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => e.duration)));
        lt.observe({ type: 'longtask' });
        let pendingFrames = 0;
        let f = 0;
        if (mode === 'drag') el.scrollTop = 0;
        const step = (ts) => {
          stamps.push(ts);
          if (document.querySelector(`${LIST} [role="row"].pending`)) pendingFrames++;
          if (f++ >= frames) {
            lt.disconnect();
            const deltas = stamps.slice(1).map((t, i) => t - stamps[i]);
            return resolve({ deltas, pendingFrames, longTasks, scrollTop: el.scrollTop, max });
          }
          if (mode === 'wheel') {
            // The list takes wheel events itself beyond what one element can scroll (10M
            // rows); below that it leaves them to the browser, which a synthetic event does not reach.
            const ev = new WheelEvent('wheel', { deltaY: 100, deltaMode: 0, bubbles: true, cancelable: true });
            if (el.dispatchEvent(ev)) el.scrollTop += 100;
          } else el.scrollTop = Math.round((f / frames) * max);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    { mode, frames, LIST },
  );
}

/** Thumb jumps to `n` spread positions: ms from the jump until every row on screen is filled. */
async function jumps(page, n) {
  return page.evaluate(
    async ({ n, LIST }) => {
      const el = document.querySelector(LIST);
      const max = el.scrollHeight - el.clientHeight;
      const out = [];
      for (let k = 0; k < n; k++) {
        const target = Math.round(((k * 7919) % n) / n * max);
        const t0 = performance.now();
        el.scrollTop = target;
        await new Promise((resolve) => {
          const check = () => {
            const rows = el.querySelectorAll('[role="row"][data-index]');
            if (rows.length && !el.querySelector('[role="row"].pending')) return resolve();
            requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        });
        out.push(performance.now() - t0);
      }
      return out;
    },
    { n, LIST },
  );
}

function frameStats({ deltas, pendingFrames, longTasks }) {
  const s = [...deltas].sort((a, b) => a - b);
  const total = deltas.reduce((a, b) => a + b, 0);
  return {
    frames: deltas.length,
    fps: (deltas.length / total) * 1000,
    p50: pct(s, 0.5),
    p95: pct(s, 0.95),
    p99: pct(s, 0.99),
    max: s.at(-1) ?? NaN,
    over50: deltas.filter((d) => d > 50).length,
    pendingFrames,
    longTasks: longTasks.length,
    longest: longTasks.length ? Math.max(...longTasks) : 0,
  };
}

async function heapAfterGc(cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return h.usedSize;
}

/** Opens `file` in a fresh tab, waits for the load, scrolls through it; heap and frames. */
async function scrollFigure(browser, url, file, total, frames) {
  const t = await tab(browser, url);
  try {
    const t0 = Date.now();
    await timeOpen(t.page, file);
    await loaded(t.page, total, 600_000);
    const loadMs = Date.now() - t0;
    await t.page.waitForFunction((LIST) => !document.querySelector(`${LIST} [role="row"].pending`), LIST, { timeout: 60_000 });
    const heapBefore = await heapAfterGc(t.cdp);
    await t.page.hover(`${LIST} [data-index="3"]`);
    const wheel = frameStats(await scrollFrames(t.page, 'wheel', frames));
    const drag = frameStats(await scrollFrames(t.page, 'drag', frames));
    // Let the last window land: the drag ends on the last row.
    await t.page.waitForFunction((LIST) => !document.querySelector(`${LIST} [role="row"].pending`), LIST, { timeout: 60_000 });
    const last = await t.page.$$eval(`${LIST} [role="row"][data-index]`, (els) => Number(els.at(-1)?.getAttribute('data-index')));
    const jump = (await jumps(t.page, 20)).sort((a, b) => a - b);
    const heap = await heapAfterGc(t.cdp);
    return { wheel, drag, jump, heapBefore, heap, last, loadMs };
  } finally {
    await t.close();
  }
}

function buildIfMissing(root) {
  const need = [
    ['out/cli/ackline.mjs', 'build:cli'],
    ['out/renderer/index.html', 'build:renderer'],
  ];
  for (const [file, script] of need) if (!existsSync(path.join(root, file))) spawnSync('npm', ['run', script], { cwd: root, stdio: 'inherit' });
}

/** Packets in a classic pcap (walks the record headers). */
export function countPackets(file) {
  const b = readFileSync(file);
  const le = b.readUInt32LE(0) === 0xa1b2c3d4 || b.readUInt32LE(0) === 0xa1b23c4d;
  let n = 0;
  for (let p = 24; p + 16 <= b.length; p += 16 + (le ? b.readUInt32LE(p + 8) : b.readUInt32BE(p + 8))) n++;
  return n;
}

/** Opens `file` in a fresh tab and waits for its load: the renderer's heap after GC, and the load time. */
async function heapAfterLoad(browser, url, file, total) {
  const t = await tab(browser, url);
  try {
    const t0 = Date.now();
    await timeOpen(t.page, file);
    await loaded(t.page, total, 900_000);
    const loadMs = Date.now() - t0;
    return { heap: await heapAfterGc(t.cdp), loadMs };
  } finally {
    await t.close();
  }
}

export async function rendererBench(root, { file1m, packets1m = countPackets(file1m), fileBig }) {
  console.log('\n== Renderer in Chromium through ackline serve (playwright-core)');
  if (!existsSync(CHROMIUM)) return console.log('renderer  skipped (no /usr/bin/chromium)');
  buildIfMissing(root);
  const { chromium } = await import('playwright-core');
  const dir = path.join(root, 'out/bench');
  const big = Number(process.env.BENCH_ROWS ?? 10_000_000);
  const small = 10_000;
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const frames = Number(process.env.BENCH_FRAMES ?? 600);
  const file10m = path.join(dir, `udp-${big / 1e6}m.pcap`);
  const need = 24 + big * UDP_RECORD_BYTES;
  const free = (() => {
    mkdirSync(dir, { recursive: true });
    const st = statfsSync(dir);
    return st.bavail * st.bsize;
  })();
  const bigOk = existsSync(file10m) || free > need + 2e9;
  if (bigOk) makeUdpCapture(file10m, big);
  const file10k = makeUdpCapture(path.join(dir, 'udp-10k.pcap'), small);
  const host = await serve(root, [file1m, file10m, file10k, ...(fileBig ? [fileBig] : [])]);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const n = (v) => v.toLocaleString('en-US');
  try {
    // (a) Open → first rows of the 1M-packet capture.
    try {
      const open = await openFigure(browser, host.url, file1m, packets1m, runs);
      const best = open.times.reduce((a, b) => (b.painted < a.painted ? b : a));
      console.log(
        `open      ${fmt(best.painted, 0)} ms from the open request to the first rows painted, ${n(packets1m)}-packet file (best of ${runs}; median ${fmt(median(open.times.map((t) => t.painted)), 0)} ms)   (target < 300 ms)`,
      );
      console.log(`          where it goes: session announced ${fmt(best.session, 0)} ms, first engine update ${fmt(best.update, 0)} ms, first rows reply ${fmt(best.reply, 0)} ms, rows in the DOM ${fmt(best.dom, 0)} ms, painted ${fmt(best.painted, 0)} ms`);
      console.log(`          ${best.rows} rows drawn, ${best.pending} pending; ${best.loading ? `still loading then (${best.counts})` : `load already done (${best.counts})`}; whole file loaded in ${fmt(open.full / 1000, 1)} s`);
      console.log(`          ${open.usable}`);
    } catch (e) {
      console.log(`open      failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    }

    // BENCH_RENDERER_ONLY=open: the open figure alone (a quick look at first rows).
    if (process.env.BENCH_RENDERER_ONLY === 'open') return;

    // (d) + (e) The I/O Graph and sorting, each in a fresh tab on the 1M-packet capture once loaded.
    for (const [name, figure] of [
      ['io graph', ioGraphFigure],
      ['sort', sortFigure],
    ]) {
      const t = await tab(browser, host.url);
      try {
        await timeOpen(t.page, file1m);
        await loaded(t.page, packets1m, 300_000);
        await figure(t.page);
      } catch (e) {
        console.log(`${name.padEnd(9)} failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      } finally {
        await t.close();
      }
    }

    // The renderer's heap once a capture 6 times larger is loaded: flat (it holds windows of
    // rows, never the packets).
    if (fileBig) {
      try {
        const small = await heapAfterLoad(browser, host.url, file1m, packets1m);
        const bigPackets = countPackets(fileBig);
        const big = await heapAfterLoad(browser, host.url, fileBig, bigPackets);
        const mib = (b) => `${fmt(b / 1048576, 1)} MB`;
        console.log(
          `heap      after loading ${n(bigPackets)} packets (${path.basename(fileBig)}, ${fmt(big.loadMs / 1000, 1)} s) ${mib(big.heap)} vs ${n(packets1m)} (${path.basename(file1m)}, ${fmt(small.loadMs / 1000, 1)} s) ${mib(small.heap)}: ${(big.heap >= small.heap ? '+' : '') + fmt((big.heap / small.heap - 1) * 100, 1)}%   (target: flat)`,
        );
      } catch (e) {
        console.log(`heap      big capture failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
      }
    }

    // (b) + (c) Scrolling the 10M-row capture, and the heap after it vs a 10k-row one.
    if (!bigOk) {
      console.log(`scroll    skipped: the ${n(big)}-row capture needs ${fmt(need / 1e9, 2)} GB and ${dir} has ${fmt(free / 1e9, 2)} GB free`);
      return;
    }
    try {
      const bigRun = await scrollFigure(browser, host.url, file10m, big, frames);
      const smallRun = await scrollFigure(browser, host.url, file10k, small, frames);
      console.log(`scroll    ${n(big)}-row capture (synthetic UDP, ${fmt(need / 1e6, 0)} MB) opened and loaded in ${fmt(bigRun.loadMs / 1000, 1)} s`);
      for (const [name, s] of [
        ['wheel', bigRun.wheel],
        ['drag', bigRun.drag],
      ]) {
        console.log(
          `scroll    ${name.padEnd(5)} ${s.frames} frames ${fmt(s.fps, 1)} fps  p50 ${fmt(s.p50)} ms  p95 ${fmt(s.p95)} ms  p99 ${fmt(s.p99)} ms  max ${fmt(s.max)} ms  >50 ms: ${s.over50}  long tasks ${s.longTasks}${s.longTasks ? ` (longest ${fmt(s.longest, 0)} ms)` : ''}  frames showing rows not fetched yet: ${s.pendingFrames}   (target 60 fps, none > 50 ms)`,
        );
      }
      console.log(`          the drag ended on row ${n(bigRun.last + 1)} of ${n(big)}; thumb jumps to 20 places: every row on screen filled after median ${fmt(median(bigRun.jump), 0)} ms, max ${fmt(bigRun.jump.at(-1), 0)} ms`);
      const mb = (b) => `${fmt(b / 1048576, 1)} MB`;
      console.log(
        `heap      after scrolling through ${n(big)} rows ${mb(bigRun.heap)} vs ${n(small)} rows ${mb(smallRun.heap)}: ${(bigRun.heap >= smallRun.heap ? '+' : '') + fmt((bigRun.heap / smallRun.heap - 1) * 100, 1)}%   (target ±20%)  [after GC; before scrolling ${mb(bigRun.heapBefore)} vs ${mb(smallRun.heapBefore)}]`,
      );
    } catch (e) {
      console.log(`scroll    failed: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
    }
  } finally {
    await browser.close();
    await host.close();
    if (process.env.BENCH_KEEP !== '1') rmSync(file10m, { force: true });
  }
}

// Alone: node test/bench/renderer-bench.mjs (BENCH_CAPTURE, BENCH_ROWS, BENCH_FRAMES, BENCH_RUNS, BENCH_KEEP=1, BENCH_RENDERER_ONLY=open).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  await rendererBench(root, { file1m: process.env.BENCH_CAPTURE ?? makeCapture() });
}
