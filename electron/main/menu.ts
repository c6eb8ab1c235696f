// The application menu with Wireshark's shortcuts, built from the one menu definition that
// the in-page menu bar of `ackline serve` draws too (shared/app-menu.ts). Items that are the
// session's job (open, recent, save, close, quit) call MenuActions; the rest are sent to the
// focused window's renderer as `command` events (find, go to, mark, zoom, capture start/stop
// …), which is where Wireshark's keys act on the packet list. Built as plain data: tests check it.
import type { MenuItemConstructorOptions } from 'electron';
import { APP_MENU, type Command, type MenuEntry, type MenuItemSpec } from '../shared/app-menu.js';

export type { Command };

export interface MenuActions {
  open(): void;
  openRecent(path: string): void;
  clearRecent(): void;
  save(as: boolean): void;
  close(): void;
  quit(): void;
  /** Sends a command to the focused window's renderer. */
  command(c: Command): void;
  newWindow(): void;
}

export interface MenuState {
  recent: readonly { path: string; name: string }[];
  platform: NodeJS.Platform;
  appName: string;
}

function item(actions: MenuActions, spec: MenuItemSpec): MenuItemConstructorOptions {
  const base: MenuItemConstructorOptions = { label: spec.label, ...(spec.accelerator ? { accelerator: spec.accelerator } : {}), ...(spec.hidden ? { visible: false } : {}) };
  const a = spec.action;
  if (a.kind === 'role') return { role: a.role };
  if (a.kind === 'command') return { ...base, click: () => actions.command(a.command) };
  const run: Record<typeof a.action, () => void> = {
    open: () => actions.open(),
    save: () => actions.save(false),
    'save-as': () => actions.save(true),
    close: () => actions.close(),
    quit: () => actions.quit(),
    'new-window': () => actions.newWindow(),
  };
  return { ...base, click: run[a.action] };
}

function entries(actions: MenuActions, state: MenuState, list: readonly MenuEntry[], mac: boolean): MenuItemConstructorOptions[] {
  const out: MenuItemConstructorOptions[] = [];
  for (const e of list) {
    if ('separator' in e) {
      // No separator at the start, the end, or twice in a row (an item left out can leave one).
      if (out.length && out.at(-1)?.type !== 'separator') out.push({ type: 'separator' });
    } else if ('recentFiles' in e) {
      const recent: MenuItemConstructorOptions[] = state.recent.length
        ? [...state.recent.map((f) => ({ label: f.path, click: () => actions.openRecent(f.path) })), { type: 'separator' }, { label: 'Clear Menu', click: () => actions.clearRecent() }]
        : [{ label: 'No Recent Files', enabled: false }];
      out.push({ label: 'Open &Recent', submenu: recent });
    } else if (e.only !== 'browser' && !(mac && e.action.kind === 'host' && e.action.action === 'quit')) out.push(item(actions, e));
  }
  while (out.at(-1)?.type === 'separator') out.pop();
  return out;
}

export function menuTemplate(actions: MenuActions, state: MenuState): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const menus: MenuItemConstructorOptions[] = APP_MENU.map((m) => ({ label: m.label, submenu: entries(actions, state, m.items, mac) }));
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{ label: state.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { label: `Quit ${state.appName}`, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }] }]
    : [];
  // Electron's Window menu sits before Help, as platforms place it.
  const help = menus.pop()!;
  return [...appMenu, ...menus, { role: 'windowMenu' }, help];
}

/** Every item with an accelerator, flattened (tests, and the renderer's key hints). */
export function accelerators(template: readonly MenuItemConstructorOptions[]): Map<string, MenuItemConstructorOptions> {
  const out = new Map<string, MenuItemConstructorOptions>();
  const walk = (items: readonly MenuItemConstructorOptions[]): void => {
    for (const it of items) {
      if (it.accelerator) out.set(String(it.accelerator), it);
      if (Array.isArray(it.submenu)) walk(it.submenu);
    }
  };
  walk(template);
  return out;
}
