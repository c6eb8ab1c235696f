import { describe, expect, it } from 'vitest';
import { APP_MENU, menuItems } from '../../../electron/shared/app-menu.js';
import { commandFor } from '../../../renderer/src/composables/shortcuts.js';

const k = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({ key, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe("Wireshark's shortcuts", () => {
  it.each([
    [k('e', { ctrlKey: true }), 'capture-toggle'],
    [k('k', { ctrlKey: true }), 'capture-options'],
    [k('o', { ctrlKey: true }), 'open'],
    [k('S', { ctrlKey: true, shiftKey: true }), 'save-as'],
    [k('O', { ctrlKey: true, shiftKey: true }), 'open-recent'],
    [k('X', { ctrlKey: true, shiftKey: true }), 'export'],
    [k('g', { ctrlKey: true }), 'go-to'],
    [k('f', { ctrlKey: true }), 'find'],
    [k('n', { ctrlKey: true }), 'find-next'],
    [k('b', { ctrlKey: true }), 'find-previous'],
    [k('m', { ctrlKey: true }), 'mark'],
    [k('.', { ctrlKey: true }), 'next-in-conversation'],
    [k(',', { ctrlKey: true }), 'previous-in-conversation'],
    [k('ArrowLeft', { altKey: true }), 'back'],
    [k('ArrowRight', { altKey: true }), 'forward'],
    [k('ArrowUp', { ctrlKey: true }), 'up'],
    [k('ArrowDown', { ctrlKey: true }), 'down'],
    [k('Home', { ctrlKey: true }), 'first'],
    [k('End', { ctrlKey: true }), 'last'],
    [k('=', { ctrlKey: true }), 'zoom-in'],
    [k('-', { ctrlKey: true }), 'zoom-out'],
    [k('t', { ctrlKey: true }), 'time-reference'],
    [k('F5'), 'refresh-interfaces'],
  ])('%o → %s', (e, c) => expect(commandFor(e)).toBe(c));

  it('plain keys are left to the focused widget', () => {
    expect(commandFor(k('ArrowDown'))).toBeUndefined();
    expect(commandFor(k('m'))).toBeUndefined();
  });

  it('`?` lists the shortcuts; Ctrl+/ goes to the display filter; Ctrl+Shift+P opens the preferences', () => {
    expect(commandFor(k('?', { shiftKey: true }))).toBe('shortcuts');
    expect(commandFor(k('/', { ctrlKey: true }))).toBe('display-filter');
    expect(commandFor(k('P', { ctrlKey: true, shiftKey: true }))).toBe('preferences');
  });

  it('every key of the menu definition does what its item does (they cannot drift apart)', () => {
    const press = (acc: string) => {
      const parts = acc.split(/\+(?!$)/);
      const names: Record<string, string> = { Plus: '+', Left: 'ArrowLeft', Right: 'ArrowRight', Up: 'ArrowUp', Down: 'ArrowDown' };
      const key = names[parts.at(-1)!] ?? parts.at(-1)!.toLowerCase();
      return k(key.length === 1 ? key : names[parts.at(-1)!] ?? parts.at(-1)!, { ctrlKey: parts.includes('CmdOrCtrl'), shiftKey: parts.includes('Shift'), altKey: parts.includes('Alt') });
    };
    let checked = 0;
    for (const { item } of menuItems(APP_MENU)) {
      if (!item.accelerator || item.action.kind === 'role' || (item.action.kind === 'host' && item.action.action === 'new-window')) continue;
      const want = item.action.kind === 'command' ? item.action.command : item.action.action;
      const got = commandFor(press(item.accelerator));
      expect(got === 'up' ? 'previous-packet' : got === 'down' ? 'next-packet' : got, item.accelerator).toBe(want);
      checked++;
    }
    expect(checked).toBeGreaterThan(25);
  });
});
