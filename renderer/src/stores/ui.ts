// Window state that is nobody else's: open dialogs, the bottom tab, the search bar,
// following a live capture, zoom.
import { defineStore } from 'pinia';
import { ref, shallowRef, watchEffect } from 'vue';
import type { TimeDto } from '../../../electron/shared/dto.js';

/** One entry of a context menu: an action, a submenu, or a separator. */
export type ContextItem =
  | { readonly label: string; readonly run: () => unknown; readonly keys?: string; readonly disabled?: boolean; readonly id?: string }
  | { readonly label: string; readonly items: readonly ContextItem[]; readonly disabled?: boolean; readonly id?: string }
  | { readonly separator: true };

export type Dialog = 'none' | 'capture' | 'preferences' | 'export' | 'close-confirm' | 'recent' | 'shortcuts' | 'about' | 'packet-comment' | 'export-dissections';
export type BottomTab = 'timeline' | 'flows' | 'findings';

export const useUiStore = defineStore('ui', () => {
  const dialog = ref<Dialog>('none');
  const tab = ref<BottomTab>('timeline');
  const search = ref<'none' | 'find' | 'goto'>('none');
  /** The list sticks to the newest packet during a live capture until the user scrolls away. */
  const follow = ref(true);
  /** Rows a Page Up/Down moves (set by the list from its height). */
  const pageRows = ref(20);
  const zoom = ref(0);
  /** A drag with files is over the window. */
  const dropping = ref(false);
  /** Bumped to ask the list to bring the selection into view. */
  const revealTick = ref(0);
  /** Bumped to put the cursor in the display filter (Ctrl+/, Analyze › Display Filter). */
  const focusFilter = ref(0);
  /** Ctrl+T: the time reference packet ("since first" counts from it, it shows *REF*). */
  const timeRef = shallowRef<{ index: number; time: TimeDto } | undefined>(undefined);
  /** The open context menu (list, tree or hex pane), at a point of the window. */
  const contextMenu = shallowRef<{ x: number; y: number; items: readonly ContextItem[]; label: string } | undefined>(undefined);
  /** View › Colorize Conversation: flow id → colour number (1..CONVERSATION_COLORS). */
  const convColors = shallowRef<ReadonlyMap<number, number>>(new Map());

  if (typeof document !== 'undefined') {
    watchEffect(() => {
      const s = document.documentElement.style;
      s.setProperty('--fs', `${12.5 + zoom.value}px`);
      s.setProperty('--fs-small', `${11.5 + zoom.value}px`);
      s.setProperty('--row-h', `${20 + Math.round(zoom.value * 1.6)}px`);
    });
  }

  function colorizeConversation(flow: number, color: number | undefined): void {
    const next = new Map(convColors.value);
    if (color === undefined) next.delete(flow);
    else next.set(flow, color);
    convColors.value = next;
  }

  return { contextMenu, convColors, colorizeConversation, timeRef, dialog, tab, search, follow, pageRows, zoom, dropping, revealTick, focusFilter };
});
