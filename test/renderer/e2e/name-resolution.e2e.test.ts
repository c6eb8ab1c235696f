// View → Name Resolution through `ackline serve` in Chromium: each toggle from the View menu
// names what tshark -N names (fixtures in test/fixtures/names/): MAC addresses in the list
// and the tree (Broadcast), hosts learned from the capture's DNS answers in Source/Destination,
// ports in Wireshark's Info and the tree; kept in preferences across a reload; light and dark.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { serveSuite } from './serve-suite.js';
import { e2eReady, LIST, SCEN } from './serve-tab.js';

const cell = (page: Page, index: number, cls: string): Promise<string> => page.locator(`${LIST} [role="row"][data-index="${index}"] .${cls}`).innerText();
const waitCell = (page: Page, index: number, cls: string, text: string) =>
  page.waitForFunction(([i, c, t]) => document.querySelector(`[data-testid="packet-list"] [role="row"][data-index="${i}"] .${c}`)?.textContent?.trim() === t, [index, cls, text] as const, { timeout: 30_000 });

async function toggle(page: Page, command: string): Promise<void> {
  await page.locator('[data-testid="menu-bar"] [data-menu="View"]').dispatchEvent('mousedown');
  await page.locator(`[role="menu"][aria-label="View"] [data-command="${command}"]`).click();
  await page.waitForSelector('[role="menu"]', { state: 'detached' });
}

describe.skipIf(!e2eReady())('View → Name Resolution (Chromium)', { timeout: 120_000 }, () => {
  const { shots, serve, tab } = serveSuite('e2e-name-resolution');

  it.each(['light', 'dark'] as const)('names MACs, hosts and ports when turned on, and not before (%s)', async (scheme) => {
    const server = await serve(path.join(SCEN, '../tcpdump-suite/dns_tcp.pcap'));
    const { page, errors } = await tab(server.url, scheme);
    await page.setViewportSize({ width: 1400, height: 900 });
    await waitCell(page, 5, 'src', '209.87.249.18');

    // Network names: 209.87.249.18 is nic.sandelman.ca from the DNS response (packet 6) on, not before.
    await toggle(page, 'names-network');
    await waitCell(page, 5, 'src', 'nic.sandelman.ca');
    expect(await cell(page, 0, 'dst')).toBe('209.87.249.18');
    expect(await cell(page, 6, 'dst')).toBe('nic.sandelman.ca');

    // Transport names: Wireshark's Info reads domain(53); the tree's TCP line too.
    await toggle(page, 'names-transport');
    await page.locator('[data-testid="info-mode"]').click();
    await waitCell(page, 0, 'info', '33779 \u2192 domain(53) [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=2044906138 TSecr=0 WS=128');
    await page.locator(`${LIST} [role="row"][data-index="6"]`).click();
    const tree = page.locator('[data-testid="detail-tree"]');
    await expect.poll(() => tree.innerText(), { timeout: 15_000 }).toContain('Dst Port: domain (53)');
    expect(await tree.innerText()).toContain('Dst: nic.sandelman.ca (209.87.249.18)');

    // Physical names: the Ethernet line names the vendors, as tshark -N m -V does.
    await toggle(page, 'names-mac');
    await page.locator(`${LIST} [role="row"][data-index="5"]`).click();
    await expect.poll(() => tree.innerText(), { timeout: 15_000 }).toContain('Ethernet II, Src: CIMSYS_33:44:66 (00:11:22:33:44:66), Dst: CIMSYS_33:44:55 (00:11:22:33:44:55)');
    await shots.shot(page, `${scheme}-01-names-on`);

    // Kept in preferences: a reload shows the names at once; all off gives the addresses back.
    await page.reload();
    await waitCell(page, 5, 'src', 'nic.sandelman.ca');
    for (const c of ['names-network', 'names-transport', 'names-mac']) await toggle(page, c);
    await waitCell(page, 5, 'src', '209.87.249.18');
    await waitCell(page, 0, 'info', '33779 \u2192 53 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=2044906138 TSecr=0 WS=128');
    await page.locator('[data-testid="info-mode"]').click();
    await shots.shot(page, `${scheme}-02-names-off`);
    expect(errors).toEqual([]);
  });
});
