// The application menu with Wireshark's shortcuts. Items that are the session's job (open,
// recent, save, close, quit) call MenuActions; the rest are sent to the focused window's
// renderer as `command` events (find, go to, mark, zoom, capture start/stop …), which is
// where Wireshark's keys act on the packet list. Built as plain data: tests check it.
import type { MenuItemConstructorOptions } from 'electron';
import type { SessionEvents } from '../shared/contract.js';
import type { z } from 'zod';

export type Command = z.infer<(typeof SessionEvents)['command']>['command'];

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

function cmd(actions: MenuActions, label: string, command: Command, accelerator?: string): MenuItemConstructorOptions {
  return { label, ...(accelerator ? { accelerator } : {}), click: () => actions.command(command) };
}

export function menuTemplate(actions: MenuActions, state: MenuState): MenuItemConstructorOptions[] {
  const mac = state.platform === 'darwin';
  const recent: MenuItemConstructorOptions[] = state.recent.length
    ? [...state.recent.map((f) => ({ label: f.path, click: () => actions.openRecent(f.path) })), { type: 'separator' }, { label: 'Clear Menu', click: () => actions.clearRecent() }]
    : [{ label: 'No Recent Files', enabled: false }];
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: '&Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.open() },
      // Wireshark's Ctrl+Shift+O; the submenu lists the files, the key asks the renderer.
      { label: 'Open &Recent', submenu: recent },
      { ...cmd(actions, 'Open Recent…', 'open-recent', 'CmdOrCtrl+Shift+O'), visible: false },
      { label: 'New &Window', accelerator: 'CmdOrCtrl+Shift+N', click: () => actions.newWindow() },
      { type: 'separator' },
      { label: '&Save', accelerator: 'CmdOrCtrl+S', click: () => actions.save(false) },
      { label: 'Save &As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.save(true) },
      cmd(actions, 'E&xport Specified Packets…', 'export', 'CmdOrCtrl+Shift+X'),
      { type: 'separator' },
      { label: '&Close', accelerator: 'CmdOrCtrl+W', click: () => actions.close() },
      ...(mac ? [] : [{ type: 'separator' } as const, { label: '&Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'copy' },
      { role: 'selectAll' },
      { type: 'separator' },
      cmd(actions, '&Find Packet…', 'find', 'CmdOrCtrl+F'),
      cmd(actions, 'Find Ne&xt', 'find-next', 'CmdOrCtrl+N'),
      cmd(actions, 'Find Pre&vious', 'find-previous', 'CmdOrCtrl+B'),
      { type: 'separator' },
      cmd(actions, '&Mark/Unmark Packet', 'mark', 'CmdOrCtrl+M'),
      cmd(actions, 'Set/Unset &Time Reference', 'time-reference', 'CmdOrCtrl+T'),
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      cmd(actions, 'Zoom &In', 'zoom-in', 'CmdOrCtrl+Plus'),
      // Ctrl+= as well, as Wireshark does (on most layouts + needs Shift).
      { ...cmd(actions, 'Zoom In', 'zoom-in', 'CmdOrCtrl+='), visible: false },
      cmd(actions, 'Zoom &Out', 'zoom-out', 'CmdOrCtrl+-'),
      cmd(actions, '&Normal Size', 'zoom-reset', 'CmdOrCtrl+0'),
      { type: 'separator' },
      cmd(actions, '&Reload Interfaces', 'refresh-interfaces', 'F5'),
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  const go: MenuItemConstructorOptions = {
    label: '&Go',
    submenu: [
      cmd(actions, '&Go to Packet…', 'go-to', 'CmdOrCtrl+G'),
      cmd(actions, 'Go &Back', 'back', 'Alt+Left'),
      cmd(actions, 'Go &Forward', 'forward', 'Alt+Right'),
      { type: 'separator' },
      cmd(actions, 'Next Packet in Conversation', 'next-in-conversation', 'CmdOrCtrl+.'),
      cmd(actions, 'Previous Packet in Conversation', 'previous-in-conversation', 'CmdOrCtrl+,'),
      cmd(actions, 'F&irst Packet', 'first', 'CmdOrCtrl+Home'),
      cmd(actions, '&Last Packet', 'last', 'CmdOrCtrl+End'),
    ],
  };
  const capture: MenuItemConstructorOptions = {
    label: '&Capture',
    submenu: [cmd(actions, '&Options…', 'capture-options', 'CmdOrCtrl+K'), cmd(actions, '&Start/Stop', 'capture-toggle', 'CmdOrCtrl+E'), cmd(actions, 'Refresh Interfaces', 'refresh-interfaces')],
  };
  const windowMenu: MenuItemConstructorOptions = { role: 'windowMenu' };
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [{ label: state.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { label: `Quit ${state.appName}`, accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }] }]
    : [];
  return [...appMenu, file, edit, view, go, capture, windowMenu];
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
