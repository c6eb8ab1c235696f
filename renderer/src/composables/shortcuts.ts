// Wireshark's keyboard shortcuts, window-wide. Keys that belong to a focused widget
// (arrows in the tree, typing in the filter bar) are left to it; Ctrl+↑/↓ and the
// other Ctrl shortcuts work from anywhere.
import { useEventListener } from '@vueuse/core';
import type { MenuCommand } from './commands.js';
import { useCommands } from './commands.js';
import { useUiStore } from '../stores/ui.js';

const CTRL_KEYS: Record<string, MenuCommand> = {
  o: 'open', s: 'save', w: 'close', q: 'quit', e: 'capture-toggle', k: 'capture-options', f: 'find', n: 'find-next', b: 'find-previous',
  g: 'go-to', m: 'mark', t: 'time-reference', '.': 'next-in-conversation', ',': 'previous-in-conversation', '=': 'zoom-in', '+': 'zoom-in',
  '-': 'zoom-out', '0': 'zoom-reset', home: 'first', end: 'last',
};

/** Maps a key event to a command, or undefined when it is not one of ours. */
export function commandFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): MenuCommand | 'up' | 'down' | undefined {
  const key = e.key.toLowerCase();
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.altKey && !ctrl && key === 'arrowleft') return 'back';
  if (e.altKey && !ctrl && key === 'arrowright') return 'forward';
  if (ctrl && !e.altKey && key === 'arrowup') return 'up';
  if (ctrl && !e.altKey && key === 'arrowdown') return 'down';
  if (ctrl && e.shiftKey && key === 's') return 'save-as';
  if (ctrl && e.shiftKey && key === 'x') return 'export';
  if (ctrl && e.shiftKey && key === 'o') return 'open-recent';
  if (ctrl && !e.altKey && !e.shiftKey) return CTRL_KEYS[key];
  if (!ctrl && !e.altKey && key === 'f5') return 'refresh-interfaces';
  return undefined;
}

export function useShortcuts(target: EventTarget): void {
  const commands = useCommands();
  const ui = useUiStore();
  useEventListener(target, 'keydown', (ev: Event) => {
    const e = ev as KeyboardEvent;
    if (e.key === 'Escape') {
      if (ui.dialog !== 'none') ui.dialog = 'none';
      else if (ui.search !== 'none') ui.search = 'none';
      return;
    }
    const c = commandFor(e);
    if (!c) return;
    // In a text field Ctrl+F/G/… still work but Home/End and zoom keys edit the text.
    const inText = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if (inText && (c === 'first' || c === 'last' || c === 'zoom-out' || c === 'zoom-in' || c === 'zoom-reset')) return;
    e.preventDefault();
    if (c === 'up') void commands.step(-1);
    else if (c === 'down') void commands.step(1);
    else void commands.run[c]();
  });
}
