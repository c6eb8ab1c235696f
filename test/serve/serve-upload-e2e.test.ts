// End to end in Debian's Chromium: `ackline serve --max-upload 1M`, the real page. The
// welcome screen and the drop overlay state the limit; a capture dropped on the window, and
// one picked with Ctrl+O, go up through /upload and open with every row as tcpdump prints
// it; a file over the limit is refused with the limit in one line, and the open capture
// stays. Nothing is left in the host's uploads folder but the file it shows. A large upload
// shows its progress in the status bar and Stop ends it. Screenshots go to the folder it prints.
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { serveSuite } from '../renderer/e2e/serve-suite.js';
import { ctrlO, e2eReady, infoColumn, LIST, reference, SCEN } from '../renderer/e2e/serve-tab.js';
import { pcapStream } from './raw-client.js';
import type { ServeProcess } from './serve-process.js';

const ready = e2eReady();
const MiB = 1024 * 1024;

/** Waits until the list shows exactly the reference lines of `name`. */
async function showsRows(page: Page, name: string): Promise<void> {
  const ref = reference(name);
  await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${ref.length} ")`);
  await expect.poll(() => page.locator(`${LIST} [role="row"][data-index] .info`).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(ref.length);
  expect(await infoColumn(page)).toEqual(ref);
  expect(await page.textContent('[data-testid="status-bar"] .source')).toContain(name);
}

/** Drags a file over the window (the overlay shows), optionally dropping it. */
async function drag(page: Page, file: { name: string; base64?: string; size?: number }, drop: boolean): Promise<void> {
  await page.evaluate(
    ({ name, base64, size, drop }) => {
      // The page's DOM, typed here by hand: this suite's TypeScript program is Node's.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        DragEvent: new (type: string, init: object) => unknown;
        File: new (bits: Uint8Array[], name: string, o: { type: string }) => unknown;
        dispatchEvent(e: unknown): boolean;
      };
      const bytes = base64 ? Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)) : new Uint8Array(size ?? 0);
      const dt = new page.DataTransfer();
      dt.items.add(new page.File([bytes], name, { type: 'application/vnd.tcpdump.pcap' }));
      const fire = (type: string): boolean => page.dispatchEvent(new page.DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
      fire('dragenter');
      fire('dragover');
      if (drop) fire('drop');
    },
    { ...file, drop },
  );
}

describe.skipIf(!ready)('uploads through ackline serve (Chromium)', { timeout: 120_000 }, () => {
  const suite = serveSuite('serve-upload');
  const { shots } = suite;
  let s: ServeProcess;
  beforeAll(async () => {
    s = await suite.serve(undefined, { args: ['--max-upload', '1M'] });
  }, 180_000);

  const uploadsDir = (): string => path.join(s.tmp, s.leftovers('ackline-serve-')[0]!, 'uploads');

  it('states the limit, opens a dropped capture and a picked one through the upload, refuses one over the limit', async () => {
    const { page, errors } = await suite.tab(s.url);
    await page.waitForSelector('[data-testid="welcome"]');
    await page.waitForSelector('[data-testid="upload-limit"]');
    expect(await page.textContent('[data-testid="upload-limit"]')).toBe(', up to 1 MiB');
    await shots.shot(page, '01-welcome-limit');

    // Dropped on the window: uploaded, opened, every row as tcpdump prints it.
    const dropped = 'tcp-handshake-data-client-close.pcap';
    await drag(page, { name: dropped, base64: readFileSync(path.join(SCEN, dropped)).toString('base64') }, true);
    await showsRows(page, dropped);
    expect(readdirSync(uploadsDir())).toHaveLength(1);
    await shots.shot(page, '02-dropped-opened');

    // Picked with Ctrl+O: the same way up; the first upload's temporary copy goes.
    const picked = 'tcp-syn-closed-port-rst.pcap';
    await (await ctrlO(page)).setFiles(path.join(SCEN, picked));
    await showsRows(page, picked);
    await expect.poll(() => readdirSync(uploadsDir()).length).toBe(1);

    // Over the limit: the overlay says the limit while dragging; the drop is refused in one
    // line, before a byte is sent, and the capture stays open.
    await drag(page, { name: 'big-trace.pcap', size: 3 * MiB }, false);
    await page.waitForSelector('.drop .limit');
    expect(await page.textContent('.drop .limit')).toBe("up to 1 MiB (this server's limit)");
    await shots.shot(page, '03-drop-overlay-limit');
    await drag(page, { name: 'big-trace.pcap', size: 3 * MiB }, true);
    const toast = page.locator('.toast', { hasText: 'big-trace.pcap' });
    await toast.waitFor();
    expect((await toast.textContent())?.trim()).toContain('big-trace.pcap is 3 MiB, more than the 1 MiB this server accepts (ackline serve --max-upload). The open capture is unchanged.');
    await shots.shot(page, '04-over-limit-refused');
    await showsRows(page, picked);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a large file shows its upload progress in the status bar, and Stop ends it leaving nothing', async () => {
    const big = path.join(s.tmp, 'big-200M.pcap');
    await pipeline(pcapStream(200 * MiB), createWriteStream(big));
    const limited = await suite.serve();
    const { page, errors } = await suite.tab(limited.url);
    // A slow link (20 MB/s up), so the upload is long enough to be seen and stopped.
    await (await page.context().newCDPSession(page)).send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 20 * 1000 * 1000 });
    await page.waitForSelector('[data-testid="upload-limit"]');
    expect(await page.textContent('[data-testid="upload-limit"]')).toBe(', up to 4 GiB');
    await (await ctrlO(page)).setFiles(big);
    await page.waitForSelector('[data-testid="upload-progress"]');
    await expect.poll(async () => Number(await page.getAttribute('[data-testid="upload-progress"]', 'aria-valuenow'))).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid="status-bar"]')).toMatch(/Uploading big-200M\.pcap \d+%/);
    await shots.shot(page, '05-uploading');
    await page.click('[data-testid="stop-upload"]');
    await page.locator('.toast', { hasText: 'The upload of big-200M.pcap was stopped.' }).waitFor();
    await page.waitForSelector('[data-testid="upload-progress"]', { state: 'detached' });
    const dir = path.join(limited.tmp, limited.leftovers('ackline-serve-')[0]!, 'uploads');
    await expect.poll(() => readdirSync(dir), { timeout: 10_000 }).toEqual([]);
    await page.waitForSelector('[data-testid="welcome"]');
    expect(errors).toEqual([]);
    await page.close();
  });
});
