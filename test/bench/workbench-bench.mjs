// Workbench figures for `npm run bench`, in Chromium through `ackline serve`, on the
// 1M-packet capture already open in `page` (renderer-bench.mjs opens it):
//  (d) the I/O Graph: from asking the engine to uPlot's first draw, at the interval it picks,
//      at 1 ms and at 10 µs (1.8 million intervals, drawn as their envelope);
//  (e) sorting by a column header: Length both ways, Info (tcpdump's line), then switching
//      the Info column to Wireshark's text while sorted by it, with the page's longest
//      main-thread stall meanwhile (the engine sorts; the page holds a window of rows).
// A benchmark: it prints figures beside their targets, it does not assert. Each figure says
// whether what it timed came out right (the order of the rows on screen, the drawn points).
const LIST = '[data-testid="packet-list"]';
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : 'n/a');

/** (d) The I/O Graph window's draw times; closes nothing (the window floats over the list). */
export async function ioGraphFigure(page) {
  await page.locator('[data-testid="menu-bar"] [data-menu="Statistics"]').dispatchEvent('mousedown');
  await page.locator('[role="menu"][aria-label="Statistics"] [data-command="io-graph"]').click();
  const chart = page.locator('[data-testid="io-chart"]');
  /** The chart once it has drawn other than `before` points. */
  const drawn = async (before = -1) => {
    await page.waitForFunction(
      (n) => {
        const el = document.querySelector('[data-testid="io-chart"]');
        return Number(el?.getAttribute('data-draw-ms')) > 0 && Number(el?.getAttribute('data-points')) !== n;
      },
      before,
      { timeout: 300_000 },
    );
    return { points: Number(await chart.getAttribute('data-points')), ms: Number(await chart.getAttribute('data-draw-ms')), fetchMs: Number(await chart.getAttribute('data-fetch-ms')) };
  };
  const times = [['auto', await drawn()]];
  for (const [label, value] of [['1 ms', '1'], ['10 µs', '0.01']]) {
    await page.locator('[data-testid="io-interval"]').selectOption(value);
    times.push([label, await drawn(Number(await chart.getAttribute('data-points')))]);
  }
  const shape = (await chart.getAttribute('data-drawn'))?.split(':')[0] ?? '?';
  for (const [label, t] of times) {
    console.log(`io graph  ${label.padEnd(6)} ${t.points.toLocaleString('en-US')} points: engine answer ${fmt(t.fetchMs)} ms, drawn ${fmt(t.ms)} ms   (target < 1000 ms)`);
  }
  console.log(`          at 10 µs drawn as ${shape === 'envelope' ? 'its envelope (right: more intervals than pixels)' : `${shape} (expected the envelope)`}`);
  await page.keyboard.press('Escape');
}

/** Starts watching the page's main thread: a timer every 20 ms notes the longest gap between its ticks. */
async function startStall(page) {
  await page.evaluate(() => {
    window.stall = 0;
    window.last = performance.now();
    window.stallTimer = window.setInterval(() => {
      const now = performance.now();
      window.stall = Math.max(window.stall, now - window.last);
      window.last = now;
    }, 20);
  });
}

async function stopStall(page) {
  return page.evaluate(() => {
    clearInterval(window.stallTimer);
    return window.stall;
  });
}

/** Clicks a header and waits for the sort to land; the page's longest main-thread stall meanwhile. */
async function sortBy(page, column, direction) {
  await startStall(page);
  const t0 = Date.now();
  await page.locator(`[data-sort="${column}"]`).click();
  await landed(page, column, direction);
  return { ms: Date.now() - t0, stallMs: await stopStall(page) };
}

async function landed(page, column, direction) {
  await page.waitForFunction(([c, d]) => document.querySelector(`[data-sort="${c}"]`)?.getAttribute('aria-sort') === d && !document.querySelector('[data-testid="sorting"]'), [column, direction], { timeout: 600_000 });
  await page.waitForFunction((list) => !document.querySelector(`${list} .row.pending`), LIST, { timeout: 120_000 });
}

/** The rows on screen are in the order asked for. */
async function inOrder(page, cls, compare) {
  const shown = await page.$$eval(`${LIST} [role="row"][data-index] .${cls}`, (els) => els.map((e) => e.textContent ?? ''));
  return shown.every((v, k) => k === 0 || compare(shown[k - 1], v) <= 0);
}

/** (e) Sorting a million rows (the tab is left sorted, with Wireshark's Info: close it after). */
export async function sortFigure(page) {
  const times = [];
  const num = (a, b) => Number(a) - Number(b);
  const text = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  times.push(['Length ascending', await sortBy(page, 'length', 'ascending'), await inOrder(page, 'len', num)]);
  times.push(['Length descending', await sortBy(page, 'length', 'descending'), await inOrder(page, 'len', (a, b) => num(b, a))]);
  times.push(['Info (tcpdump) ascending', await sortBy(page, 'info', 'ascending'), await inOrder(page, 'info', text)]);
  // Wireshark's text while sorted by Info: the engine's column pass reads the capture once, then sorts again.
  await startStall(page);
  const t0 = Date.now();
  await page.locator('[data-testid="info-mode"]').click();
  await page.waitForSelector('[data-testid="sorting"]', { timeout: 60_000 }).catch(() => undefined);
  await page.waitForFunction(() => document.querySelector('[data-testid="info-mode"]')?.textContent?.includes('Wireshark') && !document.querySelector('[data-testid="sorting"]'), undefined, { timeout: 600_000 });
  await page.waitForFunction((list) => !document.querySelector(`${list} .row.pending`), LIST, { timeout: 120_000 });
  times.push(['Info (Wireshark), switched while sorted', { ms: Date.now() - t0, stallMs: await stopStall(page) }, await inOrder(page, 'info', text)]);
  for (const [label, t, ok] of times) {
    console.log(`sort      ${label.padEnd(40)} ${fmt(t.ms)} ms, longest main-thread stall ${fmt(t.stallMs)} ms${ok ? '' : '  (rows on screen NOT in order)'}   (target: no stall > 1000 ms)`);
  }
}
