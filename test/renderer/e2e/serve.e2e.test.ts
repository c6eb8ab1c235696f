// End to end through `ackline serve` in Debian's Chromium: the real renderer bundle,
// the real session host and engine. Rows and Info lines are checked against tcpdump's
// own output; screenshots of every step are saved to the folder printed at the start.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/browser.js';
import { serveSuite } from './serve-suite.js';
import { counts, ctrlO, e2eReady, infoColumn, LIST, reference, SCEN } from './serve-tab.js';

const ready = e2eReady();
const haveTcpdump = spawnSync('sh', ['-c', 'command -v tcpdump']).status === 0;

describe.skipIf(!ready)('renderer through ackline serve (Chromium)', { timeout: 120_000 }, () => {
  const { shots, open } = serveSuite('e2e-serve');

  it('opens a handshake capture: every row and Info line as tcpdump prints it; the SYN-ACK tree, bytes and ladder', async () => {
    const name = 'tcp-handshake-data-client-close.pcap';
    const { page, errors } = await open(path.join(SCEN, name));
    const ref = reference(name);
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${ref.length}")`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= n, ref.length);
    expect(await infoColumn(page)).toEqual(ref);
    await shots.shot(page, '01-handshake-list');

    const synAck = ref.findIndex((l) => l.includes('Flags [S.]'));
    await page.click(`[data-index="${synAck}"]`);
    await page.waitForSelector('[data-testid="detail-tree"] [data-field="tcp"]');
    const tree = page.locator('[data-testid="detail-tree"]');
    await page.click('[data-testid="detail-tree"] [data-field="tcp"]');
    await tree.press('ArrowRight');
    await page.waitForSelector('[data-testid="detail-tree"] [data-field^="tcp.flags"]');
    await page.click('[data-testid="detail-tree"] [data-field="tcp.flags"]');
    const hi = await page.$$eval('[data-testid="hex-pane"] .b.hi', (els) => els.map((e) => Number(e.getAttribute('data-offset'))));
    expect(hi.length).toBeGreaterThan(0);
    expect(hi[0]).toBeGreaterThanOrEqual(14 + 20);
    // And back: a click on the first IP address byte selects ip.src.
    await page.click('[data-testid="hex-pane"] .b[data-offset="26"]');
    await page.waitForSelector('[data-testid="detail-tree"] [aria-selected="true"][data-field="ip.src"]');
    await shots.shot(page, '02-synack-tree-bytes');

    const ladder = page.locator('[data-testid="ladder-svg"]');
    await ladder.waitFor();
    const states = await page.$$eval('[data-testid="ladder-svg"] [data-state]', (els) => els.map((e) => `${e.getAttribute('data-side')}:${e.getAttribute('data-state')}`));
    for (const s of ['0:SYN_SENT', '0:ESTABLISHED', '0:FIN_WAIT_1', '0:TIME_WAIT', '1:SYN_RCVD', '1:CLOSE_WAIT', '1:LAST_ACK']) expect(states).toContain(s);
    expect(await page.textContent('[data-testid="ladder-irtt"]')).toMatch(/^iRTT \d+(\.\d+)? µs$/);
    expect(await page.locator(`g.arrow.selected`).getAttribute('data-number')).toBe(String(synAck + 1));
    await page.hover(`g.arrow[data-number="${synAck + 1}"] line.hit`);
    expect(await page.textContent('[data-testid="ladder-explain"]')).toMatch(/SYN/);
    await shots.shot(page, '03-ladder-explain');

    // Clicking an arrow selects its packet.
    await page.click('g.arrow[data-number="6"] line.hit');
    await page.waitForSelector('[data-index="5"][aria-selected="true"]');

    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters the list in the engine (as tcpdump says), shows a bad filter in red, and exports the displayed packets', async () => {
    const name = 'tcp-handshake-data-client-close.pcap';
    const { page, errors } = await open(path.join(SCEN, name));
    const ref = reference(name);
    const syns = ref.filter((l) => /Flags \[S\.?\]/.test(l));
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${ref.length}")`);
    // A display filter, checked as typed, applied by Enter: the SYN and the SYN-ACK only.
    await page.fill('[data-testid="display-filter"]', 'tcp.flags.syn == 1');
    await page.waitForSelector('[data-testid="display-filter"].valid');
    await page.press('[data-testid="display-filter"]', 'Enter');
    await page.waitForSelector(`[data-testid="counts"]:has-text("Displayed: ${syns.length} ")`);
    expect(await counts(page)).toMatchObject({ packets: ref.length, displayed: syns.length });
    await page.waitForFunction(({ list, n }) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length === n, { list: LIST, n: syns.length });
    expect(await infoColumn(page)).toEqual(syns);
    await shots.shot(page, '04-filter-applied');
    // A misspelt field: red, with the engine's message and where it is.
    await page.fill('[data-testid="display-filter"]', 'tcp.flgs == 1');
    await page.waitForSelector('[data-testid="display-filter"].invalid');
    expect(await page.textContent('[data-testid="filter-error"]')).toMatch(/^col \d+ .*tcp\.flgs/);
    await shots.shot(page, '04-filter-invalid');
    // The list still shows the last applied filter.
    expect(await counts(page)).toMatchObject({ displayed: syns.length });

    // Export the displayed packets: the dialog offers "Displayed" first; the serve host offers a download.
    await page.fill('[data-testid="display-filter"]', 'tcp.flags.syn == 1');
    await page.waitForSelector('[data-testid="display-filter"].valid');
    await page.keyboard.press('Control+Shift+X');
    await page.waitForSelector('[data-testid="export-run"]');
    expect(await page.isChecked('[role="dialog"] input[type="radio"][value="displayed"]')).toBe(true);
    await shots.shot(page, '05-export-dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-run"]')]);
    const saved = await download.path();
    expect(readFileSync(saved).readUInt32LE(0)).toBe(0x0a0d0d0a); // pcapng section header
    if (haveTcpdump) {
      const back = spawnSync('tcpdump', ['-n', '-r', saved], { encoding: 'utf8' });
      expect(back.status).toBe(0);
      expect(back.stdout.split('\n').filter(Boolean).map((l) => l.replace(/^\S+ /, ''))).toEqual(syns);
    }
    await page.waitForSelector(`.toast:has-text("Exported ${syns.length} packets")`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('completes field names from the declarations, filters a VXLAN capture on the VNI, and names the selected field', async () => {
    const file = path.join(ROOT, 'test/engine/protocols/fixtures/vxlan.pcap');
    const lines = readFileSync(`${file}.tcpdump.txt`, 'utf8').split('\n').filter((l) => /^\d/.test(l));
    const vni7 = lines.filter((l) => l.endsWith('vni 7')).length;
    const { page, errors } = await open(file);
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${lines.length}")`);
    // Typing part of a name offers the declared fields that complete it; Tab takes the first.
    await page.click('[data-testid="display-filter"]');
    await page.keyboard.type('vxlan.vn');
    await page.waitForSelector('[data-testid="field-completions"] [data-field="vxlan.vni"]');
    expect(await page.textContent('[data-testid="field-completions"]')).toContain('VXLAN Network Identifier (VNI)');
    await shots.shot(page, '07-field-completion');
    await page.keyboard.press('Tab');
    await page.keyboard.type(' == 7');
    await page.waitForSelector('[data-testid="display-filter"].valid');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="counts"]:has-text("Displayed: ${vni7} ")`);
    // The first row's tree: the VNI field selected, the status bar names it.
    await page.click(`${LIST} [role="row"][data-index="0"]`);
    await page.waitForSelector('[data-testid="detail-tree"] [data-field="vxlan"]');
    await page.click('[data-testid="detail-tree"] [data-field="vxlan"]');
    await page.locator('[data-testid="detail-tree"]').press('ArrowRight');
    await page.click('[data-testid="detail-tree"] [data-field="vxlan.vni"]');
    await page.waitForSelector('[data-testid="field-info"]');
    expect(await page.textContent('[data-testid="field-info"]')).toBe('VXLAN Network Identifier (VNI) (vxlan.vni), 3 bytes');
    await shots.shot(page, '07-field-in-status-bar');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Ctrl+O opens the browser\'s file picker; the chosen file opens with every row as tcpdump prints it', async () => {
    const name = 'tcp-syn-closed-port-rst.pcap';
    const { page, errors } = await open(undefined);
    await page.waitForSelector('[data-testid="welcome"]');
    const chooser = await ctrlO(page);
    expect(chooser.isMultiple()).toBe(false);
    expect(await chooser.element().getAttribute('accept')).toContain('.pcapng');
    await chooser.setFiles(path.join(SCEN, name));
    const ref = reference(name);
    await page.waitForSelector(`[data-testid="counts"]:has-text("Packets: ${ref.length} ")`);
    await page.waitForFunction(({ list, n }) => document.querySelectorAll(`${list} [role="row"][data-index] .info`).length >= n, { list: LIST, n: ref.length });
    expect(await infoColumn(page)).toEqual(ref);
    expect(await page.textContent('[data-testid="status-bar"] .source')).toContain(name);
    // Loaded: the progress bar and its Stop button go away.
    await page.waitForSelector('[data-testid="stop-loading"]', { state: 'detached' });
    await shots.shot(page, '11-file-picker-opened');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('SYN retries: the ladder measures the back-off and says that it doubles (dark theme)', async () => {
    const name = 'tcp-syn-retransmit-blackhole.pcap';
    const { page, errors } = await open(path.join(SCEN, name), 'dark');
    const ref = reference(name);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= n, ref.length);
    expect(await infoColumn(page)).toEqual(ref);
    await page.click(`[data-index="${ref.findIndex((l) => l.includes('Flags [S]'))}"]`);
    await page.waitForSelector('[data-testid="ladder-backoff"]');
    expect(await page.textContent('[data-testid="ladder-backoff"]')).toMatch(/doubles each time/);
    expect(await page.locator('g.arrow.retx').count()).toBe(4);
    await shots.shot(page, '06-syn-retries-dark');
    await page.click('[data-testid="tab-flows"]');
    await page.waitForSelector('[data-testid="flows-table"] [data-flow]');
    expect(await page.textContent('[data-testid="flows-table"]')).toMatch(/unanswered/i);
    await shots.shot(page, '07-flows-dark');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('RST from a closed port and an ARP exchange get their ladders', async () => {
    for (const [name, file] of [
      ['08-rst-refused', 'tcp-syn-closed-port-rst.pcap'],
      ['09-arp', 'arp-request-reply.pcap'],
      ['10-dhcp', 'dhcp-dora-dhclient.pcap'],
    ] as const) {
      const { page, errors } = await open(path.join(SCEN, file));
      const ref = reference(file);
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="packet-list"] [role="row"][data-index] .info').length >= n, ref.length);
      expect(await infoColumn(page)).toEqual(ref);
      await page.click('[data-index="0"]');
      await page.waitForSelector('[data-testid="ladder-svg"] g.arrow');
      await shots.shot(page, name);
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('starts on the welcome screen with the bundled samples and opens one', async () => {
    const { page, errors } = await open(undefined);
    await page.waitForSelector('[data-testid="welcome"]');
    await shots.shot(page, '00-welcome');
    const samples = await page.$$eval('[data-sample]', (els) => els.map((e) => e.getAttribute('data-sample')));
    if (samples.length) {
      await page.click(`[data-sample="${samples[0]}"]`);
      await page.waitForSelector('[data-testid="packet-list"] [data-index="0"] .info');
      await shots.shot(page, '00-sample-opened');
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
