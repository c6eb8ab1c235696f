// One menu definition for the desktop app's native menu and the in-page menu bar of serve:
// Wireshark's menus in Wireshark's order, every item the same in both, keys shown as pressed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_INFO } from '../../electron/shared/app-info.js';
import { APP_MENU, acceleratorText, menuItems, plainLabel } from '../../electron/shared/app-menu.js';
import { menuTemplate, type MenuActions } from '../../electron/main/menu.js';
import { repoRoot } from '../support/captures.js';

const actions: MenuActions = { open() {}, openRecent() {}, clearRecent() {}, save() {}, close() {}, quit() {}, command() {}, newWindow() {} };

describe('the application menu', () => {
  it("has Wireshark's menus, in Wireshark's order", () => {
    expect(APP_MENU.map((m) => plainLabel(m.label))).toEqual(['File', 'Edit', 'View', 'Go', 'Capture', 'Analyze', 'Statistics', 'Help']);
  });

  it('Electron builds its menu from it: the same items, labels and keys (plus its Window menu)', () => {
    const t = menuTemplate(actions, { recent: [], platform: 'linux', appName: 'Ackline' });
    expect(t.map((m) => m.label ?? m.role)).toEqual(['&File', '&Edit', '&View', '&Go', '&Capture', '&Analyze', '&Statistics', 'windowMenu', '&Help']);
    const built = t.flatMap((m) => (Array.isArray(m.submenu) ? (m.submenu as MenuItemConstructorOptions[]) : [])).filter((i) => i.label && i.label !== 'Open &Recent');
    const spec = menuItems().filter(({ item }) => item.only !== 'browser' && item.action.kind !== 'role');
    expect(built.map((i) => [i.label, i.accelerator ?? ''])).toEqual(spec.map(({ item }) => [item.label, item.accelerator ?? '']));
  });

  it('has the shortcut list and About in Help', () => {
    const help = menuItems().filter((x) => x.menu === 'Help').map((x) => x.item);
    expect(help.map((i) => [plainLabel(i.label), i.action])).toEqual([
      ['Keyboard Shortcuts', { kind: 'command', command: 'shortcuts' }],
      ['About Ackline', { kind: 'command', command: 'about' }],
    ]);
    expect(help[0]!.hint).toBe('?');
  });

  it('shows keys as they are pressed', () => {
    expect(acceleratorText('CmdOrCtrl+Shift+S')).toBe('Ctrl+Shift+S');
    expect(acceleratorText('CmdOrCtrl+Plus')).toBe('Ctrl++');
    expect(acceleratorText('Alt+Left')).toBe('Alt+←');
    expect(acceleratorText('CmdOrCtrl+O', true)).toBe('⌘O');
  });

  it("About gives package.json's version", () => {
    expect(APP_INFO.version).toBe((JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
