// The application menu as data, one definition for both hosts: Electron builds its native
// menu from it (main/menu.ts) and `ackline serve` draws it as an in-page menu bar
// (renderer MenuBar.vue), whose keyboard shortcuts are read from the same accelerators
// (renderer shortcuts.ts). Labels mark Alt mnemonics with "&", as Electron does.
// Wireshark's menus and keys (CONVENTIONS.md) are the model.
import type { z } from 'zod';
import type { SessionEvents } from './contract.js';

export type Command = z.infer<(typeof SessionEvents)['command']>['command'];

/**
 * What an item does. `host`: the session's own actions (Electron's main process runs them; in
 * the browser they are the renderer's commands of the same name). `command`: a command of the
 * renderer. `role`: a built-in of Electron that the browser does itself.
 */
export type MenuAction =
  | { readonly kind: 'host'; readonly action: 'open' | 'save' | 'save-as' | 'close' | 'quit' | 'new-window' }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'role'; readonly role: 'copy' | 'selectAll' | 'togglefullscreen' };

export interface MenuItemSpec {
  readonly label: string;
  readonly action: MenuAction;
  /** Electron accelerator syntax (CmdOrCtrl+Shift+S, Alt+Left, F5). */
  readonly accelerator?: string;
  /** A key the renderer handles itself, shown beside the item (never a global accelerator). */
  readonly hint?: string;
  /** A second key for the same item: kept out of sight, it only adds the key. */
  readonly hidden?: boolean;
  /** Where the item exists. */
  readonly only?: 'desktop' | 'browser';
  /** Needs something open (greyed out otherwise in the in-page menu). */
  readonly needsCapture?: boolean;
}

export type MenuEntry = MenuItemSpec | { readonly separator: true } | { readonly recentFiles: true };

export interface MenuSpec {
  readonly label: string;
  readonly items: readonly MenuEntry[];
}

const cmd = (label: string, command: Command, accelerator?: string, more: Partial<MenuItemSpec> = {}): MenuItemSpec => ({
  label,
  action: { kind: 'command', command },
  ...(accelerator ? { accelerator } : {}),
  ...more,
});
const host = (label: string, action: 'open' | 'save' | 'save-as' | 'close' | 'quit' | 'new-window', accelerator?: string, more: Partial<MenuItemSpec> = {}): MenuItemSpec => ({
  label,
  action: { kind: 'host', action },
  ...(accelerator ? { accelerator } : {}),
  ...more,
});
const SEP = { separator: true } as const;
const open = { needsCapture: true } as const;

export const APP_MENU: readonly MenuSpec[] = [
  {
    label: '&File',
    items: [
      host('&Open…', 'open', 'CmdOrCtrl+O'),
      { recentFiles: true },
      cmd('Open Recent…', 'open-recent', 'CmdOrCtrl+Shift+O', { hidden: true }),
      host('New &Window', 'new-window', 'CmdOrCtrl+Shift+N', { only: 'desktop' }),
      SEP,
      host('&Save', 'save', 'CmdOrCtrl+S', open),
      host('Save &As…', 'save-as', 'CmdOrCtrl+Shift+S', open),
      cmd('E&xport Specified Packets…', 'export', 'CmdOrCtrl+Shift+X', open),
      cmd('Export Packet &Dissections…', 'export-dissections', undefined, open),
      SEP,
      host('&Close', 'close', 'CmdOrCtrl+W', open),
      SEP,
      host('&Quit', 'quit', 'CmdOrCtrl+Q', { only: 'desktop' }),
    ],
  },
  {
    label: '&Edit',
    items: [
      // The browser's own Copy and Select All work in the page; Electron needs its roles.
      { label: 'Copy', action: { kind: 'role', role: 'copy' }, only: 'desktop' },
      { label: 'Select All', action: { kind: 'role', role: 'selectAll' }, only: 'desktop' },
      SEP,
      cmd('&Find Packet…', 'find', 'CmdOrCtrl+F', open),
      cmd('Find Ne&xt', 'find-next', 'CmdOrCtrl+N', open),
      cmd('Find Pre&vious', 'find-previous', 'CmdOrCtrl+B', open),
      SEP,
      cmd('&Mark/Unmark Packet', 'mark', 'CmdOrCtrl+M', open),
      cmd('Set/Unset &Time Reference', 'time-reference', 'CmdOrCtrl+T', open),
      cmd('Packet C&omment…', 'packet-comment', 'CmdOrCtrl+Alt+C', open),
      SEP,
      cmd('&Ignore/Unignore Packet', 'ignore', 'CmdOrCtrl+D', open),
      cmd('Ignore All &Displayed', 'ignore-displayed', 'CmdOrCtrl+Shift+D', open),
      cmd('U&nignore All', 'unignore-all', 'CmdOrCtrl+Alt+D', open),
      SEP,
      cmd('&Preferences…', 'preferences', 'CmdOrCtrl+Shift+P'),
    ],
  },
  {
    label: '&View',
    items: [
      cmd('Zoom &In', 'zoom-in', 'CmdOrCtrl+Plus'),
      // Ctrl+= as well, as Wireshark does (on most layouts + needs Shift).
      cmd('Zoom In', 'zoom-in', 'CmdOrCtrl+=', { hidden: true }),
      cmd('Zoom &Out', 'zoom-out', 'CmdOrCtrl+-'),
      cmd('&Normal Size', 'zoom-reset', 'CmdOrCtrl+0'),
      SEP,
      cmd('&Colorize Packet List', 'colorize'),
      cmd('Co&mment Column', 'comment-column'),
      SEP,
      // Wireshark's View → Name Resolution toggles (kept in preferences).
      cmd('Resolve &Physical Addresses', 'names-mac'),
      cmd('Resolve &Network Addresses', 'names-network'),
      cmd('Resolve &Transport Addresses', 'names-transport'),
      SEP,
      cmd('&Reload Interfaces', 'refresh-interfaces', 'F5'),
      SEP,
      { label: 'Toggle &Full Screen', action: { kind: 'role', role: 'togglefullscreen' } },
    ],
  },
  {
    label: '&Go',
    items: [
      cmd('&Go to Packet…', 'go-to', 'CmdOrCtrl+G', open),
      cmd('Go &Back', 'back', 'Alt+Left', open),
      cmd('Go &Forward', 'forward', 'Alt+Right', open),
      SEP,
      cmd('&Next Packet', 'next-packet', 'CmdOrCtrl+Down', open),
      cmd('&Previous Packet', 'previous-packet', 'CmdOrCtrl+Up', open),
      cmd('Next Packet in Conversation', 'next-in-conversation', 'CmdOrCtrl+.', open),
      cmd('Previous Packet in Conversation', 'previous-in-conversation', 'CmdOrCtrl+,', open),
      cmd('F&irst Packet', 'first', 'CmdOrCtrl+Home', open),
      cmd('&Last Packet', 'last', 'CmdOrCtrl+End', open),
    ],
  },
  {
    label: '&Capture',
    items: [cmd('&Options…', 'capture-options', 'CmdOrCtrl+K'), cmd('&Start/Stop', 'capture-toggle', 'CmdOrCtrl+E'), cmd('Refresh Interfaces', 'refresh-interfaces')],
  },
  {
    label: '&Analyze',
    items: [
      cmd('&Display Filter', 'display-filter', 'CmdOrCtrl+/'),
      cmd('&Clear Display Filter', 'clear-filter', undefined, open),
      SEP,
      cmd('Con&versation Filter', 'conversation-filter', undefined, open),
      SEP,
      cmd('Follow &TCP Stream', 'follow-tcp', 'CmdOrCtrl+Alt+Shift+T', open),
      cmd('Follow &UDP Stream', 'follow-udp', 'CmdOrCtrl+Alt+Shift+U', open),
      SEP,
      cmd('E&xpert Information', 'expert-info', undefined, open),
      cmd('&Findings', 'findings', undefined, open),
    ],
  },
  {
    label: '&Statistics',
    items: [
      cmd('Capture File &Properties', 'capture-properties', 'CmdOrCtrl+Alt+Shift+C', open),
      SEP,
      cmd('Protocol &Hierarchy', 'protocol-hierarchy', undefined, open),
      cmd('&Conversations', 'conversations', undefined, open),
      cmd('&Endpoints', 'endpoints', undefined, open),
      cmd('&I/O Graph', 'io-graph', undefined, open),
      SEP,
      cmd('&Flows', 'flows', undefined, open),
      cmd('Handshake &Timeline', 'timeline', undefined, open),
    ],
  },
  {
    label: '&Help',
    items: [cmd('&Keyboard Shortcuts', 'shortcuts', undefined, { hint: '?' }), SEP, cmd('&About Ackline', 'about')],
  },
];

/** The label without its mnemonic marks ("Save &As…" → "Save As…"). */
export function plainLabel(label: string): string {
  return label.replace(/&(.)/g, '$1');
}

/** Every item of the menus, with the menu it is in. */
export function menuItems(menus: readonly MenuSpec[] = APP_MENU): { menu: string; item: MenuItemSpec }[] {
  return menus.flatMap((m) => m.items.filter((e): e is MenuItemSpec => 'label' in e).map((item) => ({ menu: plainLabel(m.label), item })));
}

/**
 * An accelerator as the keys a person presses on this platform: "CmdOrCtrl+Shift+S" →
 * "Ctrl+Shift+S" (⌘ on a Mac), "CmdOrCtrl+Plus" → "Ctrl++", "Alt+Left" → "Alt+←".
 */
export function acceleratorText(accelerator: string, mac = false): string {
  const names: Record<string, string> = { CmdOrCtrl: mac ? '⌘' : 'Ctrl', Plus: '+', Left: '←', Right: '→', Up: '↑', Down: '↓' };
  return accelerator
    .split('+')
    .map((p) => names[p] ?? p)
    .join(mac ? '' : '+');
}
