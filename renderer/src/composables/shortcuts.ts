// Wireshark's keyboard shortcuts, window-wide, read from the accelerators of the one menu
// definition (shared/app-menu.ts) that Electron's menu and the in-page menu bar are built
// from, so a key and its menu item cannot drift apart. Keys that belong to a focused widget
// (arrows in the tree, typing in the filter bar) are left to it; Ctrl+↑/↓ and the other Ctrl
// shortcuts work from anywhere; `?` (outside a text field) lists them all.
import { useEventListener } from '@vueuse/core';
import { APP_MENU, menuItems } from '../../../electron/shared/app-menu.js';
import type { MenuCommand } from './commands.js';
import { useCommands } from './commands.js';
import { useToolsStore } from '../stores/tools.js';
import { useUiStore } from '../stores/ui.js';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

const KEY_NAMES: Record<string, string> = { plus: '+', left: 'arrowleft', right: 'arrowright', up: 'arrowup', down: 'arrowdown' };

/** "CmdOrCtrl+Shift+S" → "ctrl+shift+s", the form keyOf() gives a key event. */
function normalise(accelerator: string): string {
  const parts = accelerator.toLowerCase().split(/\+(?!$)/);
  const key = KEY_NAMES[parts.at(-1)!] ?? parts.at(-1)!;
  const mods = new Set(parts.slice(0, -1).map((m) => (m === 'cmdorctrl' || m === 'commandorcontrol' || m === 'cmd' ? 'ctrl' : m)));
  return [mods.has('ctrl') ? 'ctrl' : '', mods.has('alt') ? 'alt' : '', mods.has('shift') ? 'shift' : '', key].filter(Boolean).join('+');
}

function keyOf(e: KeyLike, shift: boolean): string {
  return [e.ctrlKey || e.metaKey ? 'ctrl' : '', e.altKey ? 'alt' : '', shift ? 'shift' : '', e.key.toLowerCase()].filter(Boolean).join('+');
}

/** Host actions are the renderer's commands of the same name in the page. */
const BY_KEY = new Map<string, MenuCommand>();
for (const { item } of menuItems(APP_MENU)) {
  const a = item.action;
  const c: MenuCommand | undefined = a.kind === 'command' ? a.command : a.kind === 'host' && a.action !== 'new-window' ? a.action : undefined;
  if (item.accelerator && c) BY_KEY.set(normalise(item.accelerator), c);
}

/** Maps a key event to a command, or undefined when it is not one of ours. */
export function commandFor(e: KeyLike): MenuCommand | 'up' | 'down' | undefined {
  const ctrl = e.ctrlKey || e.metaKey;
  // Ctrl+↑/↓ move the selection (Go › Next/Previous Packet); kept as steps of the list.
  if (ctrl && !e.altKey && e.key === 'ArrowUp') return 'up';
  if (ctrl && !e.altKey && e.key === 'ArrowDown') return 'down';
  if (!ctrl && !e.altKey && e.key === '?') return 'shortcuts';
  // Shift is part of some keys ("+" is Shift+= on most layouts): try with and without it.
  return BY_KEY.get(keyOf(e, e.shiftKey)) ?? (e.shiftKey && e.key.length === 1 && !/[a-z]/i.test(e.key) ? BY_KEY.get(keyOf(e, false)) : undefined);
}

export function useShortcuts(target: EventTarget): void {
  const commands = useCommands();
  const ui = useUiStore();
  useEventListener(target, 'keydown', (ev: Event) => {
    const e = ev as KeyboardEvent;
    if (e.key === 'Escape') {
      if (ui.dialog !== 'none') ui.dialog = 'none';
      else if (ui.search !== 'none') ui.search = 'none';
      else if (ui.contextMenu) ui.contextMenu = undefined;
      else {
        const tools = useToolsStore();
        if (tools.tool !== 'none') void tools.close();
      }
      return;
    }
    const c = commandFor(e);
    if (!c) return;
    // In a text field Ctrl+F/G/… still work but Home/End, zoom keys and `?` edit the text.
    const inText = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (inText && (c === 'first' || c === 'last' || c === 'zoom-out' || c === 'zoom-in' || c === 'zoom-reset' || (c === 'shortcuts' && !e.ctrlKey))) return;
    e.preventDefault();
    if (c === 'up') void commands.step(-1);
    else if (c === 'down') void commands.step(1);
    else void commands.run[c]();
  });
}
