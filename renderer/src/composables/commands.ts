// renderer/src/composables/: behaviour shared across components: commands, shortcuts, context menus, pane layout.
//
// Every user action in one place: the toolbar, the keyboard and the application menu
// (Electron's `command` events) all call these, so they behave the same everywhere.
import type { SessionPayload } from '../api/client.js';
import type { LadderEventDto } from '../../../electron/shared/dto.js';
import { useApi } from '../api/use-api.js';
import { useCaptureStore } from '../stores/capture.js';
import { useFilterStore } from '../stores/filter.js';
import { useFlowsStore } from '../stores/flows.js';
import { useLadderStore } from '../stores/ladder.js';
import { useCommentsStore } from '../stores/comments.js';
import { useIgnoredStore } from '../stores/ignored.js';
import { useMarksStore } from '../stores/marks.js';
import { usePacketsStore } from '../stores/packets.js';
import { usePreferencesStore } from '../stores/preferences.js';
import { useSelectionStore } from '../stores/selection.js';
import { useSessionStore } from '../stores/session.js';
import { useToolsStore } from '../stores/tools.js';
import { useUiStore } from '../stores/ui.js';
import { conversationFilter } from '../util/conversation-filter.js';

export type MenuCommand = SessionPayload<'command'>['command'];

export function useCommands() {
  const api = useApi();
  const session = useSessionStore();
  const packets = usePacketsStore();
  const selection = useSelectionStore();
  const ui = useUiStore();
  const capture = useCaptureStore();

  async function moveTo(d: number): Promise<void> {
    const n = packets.count;
    if (!n) return;
    const target = Math.max(0, Math.min(n - 1, d));
    if (await selection.select(target)) ui.revealTick++;
    // Moving the selection up in a live capture stops the list from following.
    ui.follow = target === n - 1;
  }
  const step = (delta: number): Promise<void> => moveTo(selection.displayIndex < 0 ? (delta > 0 ? 0 : packets.count - 1) : selection.displayIndex + delta);

  /** Ctrl+. / Ctrl+, : the next/previous packet of the selected packet's flow. */
  async function inConversation(dir: 1 | -1): Promise<void> {
    // The selection's own flow: the list may not hold the selected row (after Go To).
    const row = selection.packetIndex >= 0 && selection.flow > 0 ? { index: selection.packetIndex, flow: selection.flow } : undefined;
    if (!row) return;
    const ladder = useLadderStore();
    // The shown ladder holds a window of the flow: it answers when the packet and its
    // neighbour are in it, else the engine is asked for the few events around the packet.
    const pick = (events: readonly LadderEventDto[]): number | undefined => {
      const indices = events.filter((e) => !e.ghost).map((e) => e.index);
      if (!indices.includes(row.index)) return undefined;
      return dir > 0 ? indices.find((i) => i > row.index) : indices.reverse().find((i) => i < row.index);
    };
    const local = ladder.flowId === row.flow && ladder.ladder ? pick(ladder.ladder.events) : undefined;
    const next = local ?? pick((await api.engine('ladder', { flow: row.flow, around: row.index, count: 64 })).events);
    if (next !== undefined && (await selection.selectPacket(next))) ui.revealTick++;
  }

  async function find(text: string, mode: 'filter' | 'string', backwards = false): Promise<boolean> {
    if (!text) return false;
    const r = await api.engine('find', { from: selection.displayIndex, text, mode, backwards });
    if (r.displayIndex < 0) {
      session.notify('info', `No packet ${backwards ? 'before' : 'after'} this one matches “${text}”.`);
      return false;
    }
    await moveTo(r.displayIndex);
    return true;
  }

  /** Ctrl+G: by frame number (1-based), as Wireshark's Go To Packet. */
  async function goToNumber(number: number): Promise<boolean> {
    if (!Number.isInteger(number) || number < 1 || number > session.packets) {
      session.notify('warning', `There is no packet number ${number}.`);
      return false;
    }
    if (await selection.selectPacket(number - 1)) {
      ui.revealTick++;
      return true;
    }
    session.notify('warning', `Packet ${number} is hidden by the display filter.`);
    return false;
  }

  const mark = (): Promise<void> => (selection.displayIndex >= 0 ? useMarksStore().toggle(selection.displayIndex) : Promise.resolve());

  async function close(): Promise<void> {
    if (session.info.unsaved) ui.dialog = 'close-confirm';
    else await session.close(false);
  }

  function zoom(by: number | 'reset'): void {
    ui.zoom = by === 'reset' ? 0 : Math.max(-3, Math.min(8, ui.zoom + by));
  }

  async function filterToFlow(flowId: number): Promise<void> {
    const flow = useFlowsStore().get(flowId);
    if (!flow) return;
    await useFilterStore().apply(conversationFilter(flow));
  }

  /** Analyze › Conversation Filter: the selected packet's conversation, as a display filter. */
  async function filterToSelectedFlow(): Promise<void> {
    const row = selection.displayIndex >= 0 ? packets.rowAt(selection.displayIndex) : undefined;
    if (row?.flow) await filterToFlow(row.flow);
    else session.notify('info', 'Select a packet first: its conversation becomes the filter.');
  }

  const run: Record<MenuCommand, () => unknown> = {
    open: () => session.openDialog(),
    'open-recent': () => {
      ui.dialog = 'recent';
    },
    save: () => session.save(false),
    'save-as': () => session.save(true),
    export: () => (ui.dialog = 'export'),
    'export-dissections': () => (ui.dialog = 'export-dissections'),
    close,
    quit: () => close(),
    'capture-toggle': () => (session.capturing ? capture.stop() : capture.interfaces.length ? capture.start() : (ui.dialog = 'capture')),
    'capture-options': () => (ui.dialog = 'capture'),
    find: () => (ui.search = 'find'),
    'find-next': () => (ui.search = 'find'),
    'find-previous': () => (ui.search = 'find'),
    'go-to': () => (ui.search = 'goto'),
    first: () => moveTo(0),
    last: () => moveTo(packets.count - 1),
    mark,
    'zoom-in': () => zoom(1),
    'zoom-out': () => zoom(-1),
    'zoom-reset': () => zoom('reset'),
    'refresh-interfaces': () => capture.refresh(),
    'next-in-conversation': () => inConversation(1),
    'previous-in-conversation': () => inConversation(-1),
    back: () => selection.goBack().then(() => ui.revealTick++),
    forward: () => selection.goForward().then(() => ui.revealTick++),
    'next-packet': () => step(1),
    'previous-packet': () => step(-1),
    preferences: () => (ui.dialog = 'preferences'),
    colorize: () => {
      const prefs = usePreferencesStore();
      prefs.colorize = !prefs.colorize;
    },
    'display-filter': () => ui.focusFilter++,
    'clear-filter': () => useFilterStore().apply(''),
    'conversation-filter': filterToSelectedFlow,
    flows: () => (ui.tab = 'flows'),
    timeline: () => (ui.tab = 'timeline'),
    shortcuts: () => (ui.dialog = 'shortcuts'),
    about: () => (ui.dialog = 'about'),
    'capture-properties': () => useToolsStore().open('properties'),
    'protocol-hierarchy': () => useToolsStore().open('hierarchy'),
    conversations: () => useToolsStore().open('conversations'),
    endpoints: () => useToolsStore().open('endpoints'),
    'io-graph': () => useToolsStore().open('io-graph'),
    'expert-info': () => useToolsStore().open('expert'),
    findings: () => (ui.tab = 'findings'),
    'follow-tcp': () => useToolsStore().openFollow('tcp'),
    'follow-udp': () => useToolsStore().openFollow('udp'),
    'packet-comment': () => {
      if (selection.displayIndex >= 0) ui.dialog = 'packet-comment';
      else session.notify('info', 'Select a packet first: the comment is written on it.');
    },
    ignore: () => (selection.displayIndex >= 0 ? useIgnoredStore().toggle(selection.displayIndex) : session.notify('info', 'Select a packet first: Ctrl+D ignores it.')),
    'ignore-displayed': () => useIgnoredStore().ignoreDisplayed(),
    'unignore-all': () => useIgnoredStore().unignoreAll(),
    'names-mac': () => toggleNames('mac'),
    'names-transport': () => toggleNames('transport'),
    'names-network': () => toggleNames('network'),
    'comment-column': () => {
      const c = useCommentsStore();
      c.column = !c.column;
    },
    'time-reference': () => {
      const row = selection.displayIndex >= 0 ? packets.rowAt(selection.displayIndex) : undefined;
      if (row) ui.timeRef = ui.timeRef?.index === row.index ? undefined : { index: row.index, time: row.time };
    },
  };

  /** View → Name Resolution: one kind of name on or off, kept in preferences. */
  function toggleNames(kind: 'mac' | 'transport' | 'network'): void {
    const prefs = usePreferencesStore();
    void prefs.update({ nameResolution: { ...prefs.prefs.nameResolution, [kind]: !prefs.prefs.nameResolution[kind] } });
  }

  return { run, moveTo, step, inConversation, find, goToNumber, mark, close, zoom, filterToFlow };
}
