// The entries of the context menus, as Wireshark's: Apply / Prepare as Filter (Selected,
// Not Selected, …and, …or, …and not, …or not), Conversation Filter, Colorize Conversation,
// Follow TCP/UDP Stream, Copy (summary, field name, value, as a filter, bytes as a hex dump,
// hex stream, printable text or C array), Mark, Ignore, Set Time Reference, Packet Comment.
import type { FieldNodeDto, RowDto } from '../../../electron/shared/dto.js';
import { useFilterStore } from '../stores/filter.js';
import { useFlowsStore } from '../stores/flows.js';
import { usePreferencesStore } from '../stores/preferences.js';
import { useSelectionStore } from '../stores/selection.js';
import { useSessionStore } from '../stores/session.js';
import { useToolsStore } from '../stores/tools.js';
import { useUiStore, type ContextItem } from '../stores/ui.js';
import { copyText } from '../util/clipboard.js';
import { CONVERSATION_COLORS } from '../util/colors.js';
import { copyBytes, type BytesFormat } from '../util/copy-bytes.js';
import { conversationFilter } from '../util/conversation-filter.js';
import { COMBINE_LABELS, combineFilter, fieldFilter, type FilterCombine } from '../util/field-filter.js';
import { useCommands } from './commands.js';

const SEP = { separator: true } as const;
const HOWS = Object.keys(COMBINE_LABELS) as FilterCombine[];

export function useContextMenus() {
  const filter = useFilterStore();
  const ui = useUiStore();
  const tools = useToolsStore();
  const session = useSessionStore();
  const selection = useSelectionStore();
  const commands = useCommands();
  const prefs = usePreferencesStore();

  /** Apply as Column: the field becomes a custom column (a field the engine does not know is refused, and said). */
  const applyAsColumn = (field: string) => async (): Promise<void> => {
    const error = await prefs.addCustomColumn(field);
    if (error) session.notify('error', error);
  };

  const copy = (text: string, what: string): (() => Promise<void>) => async () => {
    await copyText(text);
    session.notify('info', `Copied ${what}.`);
  };

  function filterMenus(f: string | undefined): ContextItem[] {
    const sub = (apply: boolean): ContextItem[] =>
      HOWS.map((how) => ({
        label: COMBINE_LABELS[how],
        id: `${apply ? 'apply' : 'prepare'}-${how}`,
        run: async () => {
          if (!f) return;
          const next = combineFilter(filter.text, f, how);
          if (apply) await filter.apply(next);
          else {
            filter.edit(next);
            ui.focusFilter++;
          }
        },
      }));
    return [
      { label: 'Apply as Filter', id: 'apply-as-filter', items: sub(true), disabled: !f },
      { label: 'Prepare as Filter', id: 'prepare-as-filter', items: sub(false), disabled: !f },
    ];
  }

  function conversationMenus(flowId: number, proto: string): ContextItem[] {
    const flow = flowId ? useFlowsStore().get(flowId) : undefined;
    const colors: ContextItem[] = CONVERSATION_COLORS.map((_, k) => ({ label: `Color ${k + 1}`, id: `color-${k + 1}`, run: () => ui.colorizeConversation(flowId, k + 1) }));
    const tcp = flow?.kind === 'tcp';
    const udp = flow?.kind === 'udp' || flow?.kind === 'dns' || flow?.kind === 'dhcp' || /^(udp|dns|dhcp|ntp|syslog)$/i.test(proto);
    return [
      { label: 'Conversation Filter', id: 'conversation-filter', disabled: !flow, run: () => flow && filter.apply(conversationFilter(flow)) },
      {
        label: 'Colorize Conversation',
        id: 'colorize-conversation',
        disabled: !flowId,
        items: [...colors, SEP, { label: 'Reset Colorization', id: 'color-reset', disabled: !ui.convColors.has(flowId), run: () => ui.colorizeConversation(flowId, undefined) }],
      },
      SEP,
      {
        label: 'Follow',
        id: 'follow',
        items: [
          { label: 'TCP Stream', id: 'follow-tcp', keys: 'Ctrl+Alt+Shift+T', disabled: !tcp, run: () => tools.openFollow('tcp') },
          { label: 'UDP Stream', id: 'follow-udp', keys: 'Ctrl+Alt+Shift+U', disabled: !udp, run: () => tools.openFollow('udp') },
        ],
      },
    ];
  }

  function bytesMenu(label: string, bytes: Uint8Array | undefined, name: string): ContextItem {
    const as = (l: string, format: BytesFormat): ContextItem => ({ label: l, id: `bytes-${format}`, disabled: !bytes?.length, run: () => bytes && copy(copyBytes(bytes, format, name), `${bytes.length} bytes`)() });
    return { label, id: `${label}`, disabled: !bytes?.length, items: [as('…as Hex Dump', 'hex-dump'), as('…as Hex Stream', 'hex-stream'), as('…as Printable Text', 'text'), as('…as C Array', 'c-array')] };
  }

  /** The packet list: `row` right-clicked (selected first), in column `f` (the column's filter). */
  function listMenu(row: RowDto, columnFilterText: string, summary: { text: string; csv: string }): ContextItem[] {
    const bytes = selection.detail?.index === row.index ? selection.detail.bytes : undefined;
    return [
      { label: row.marked ? 'Unmark Packet' : 'Mark Packet', id: 'mark', keys: 'Ctrl+M', run: () => commands.mark() },
      { label: row.ignored ? 'Unignore Packet' : 'Ignore Packet', id: 'ignore', keys: 'Ctrl+D', run: () => commands.run.ignore() },
      { label: ui.timeRef?.index === row.index ? 'Unset Time Reference' : 'Set Time Reference', id: 'time-reference', keys: 'Ctrl+T', run: () => commands.run['time-reference']() },
      { label: 'Packet Comment…', id: 'packet-comment', keys: 'Ctrl+Alt+C', run: () => commands.run['packet-comment']() },
      SEP,
      ...filterMenus(columnFilterText),
      ...conversationMenus(row.flow, row.protocol),
      SEP,
      {
        label: 'Copy',
        id: 'copy',
        items: [
          { label: 'Summary as Text', id: 'copy-summary', run: copy(summary.text, 'the summary line') },
          { label: '…as CSV', id: 'copy-csv', run: copy(summary.csv, 'the summary as CSV') },
          { label: 'As Filter', id: 'copy-filter', run: copy(columnFilterText, 'the filter') },
          SEP,
          bytesMenu('Bytes', bytes, `pkt${row.number}`),
        ],
      },
    ];
  }

  /** The detail tree: field `node` of the selected packet. */
  function treeMenu(node: FieldNodeDto, tree: { expand: () => void; collapse: () => void; expandAll: () => void; collapseAll: () => void }): ContextItem[] {
    const f = fieldFilter(node);
    const d = selection.detail;
    const fieldBytes = d && node.length > 0 ? d.bytes.subarray(node.offset, node.offset + node.length) : undefined;
    const row = d ? { flow: selection.flow } : { flow: 0 };
    return [
      { label: 'Expand Subtrees', id: 'expand-subtrees', keys: 'Shift+→', run: tree.expand },
      { label: 'Collapse Subtrees', id: 'collapse-subtrees', run: tree.collapse },
      { label: 'Expand All', id: 'expand-all', keys: 'Ctrl+→', run: tree.expandAll },
      { label: 'Collapse All', id: 'collapse-all', keys: 'Ctrl+←', run: tree.collapseAll },
      SEP,
      { label: 'Apply as Column', id: 'apply-as-column', keys: 'Ctrl+Shift+I', disabled: !f, run: applyAsColumn(node.field) },
      SEP,
      ...filterMenus(f),
      ...conversationMenus(row.flow, ''),
      SEP,
      {
        label: 'Copy',
        id: 'copy',
        items: [
          { label: 'Description', id: 'copy-description', run: copy(node.label, 'the description') },
          { label: 'Field Name', id: 'copy-field-name', disabled: !f, run: copy(node.field, 'the field name') },
          { label: 'Value', id: 'copy-value', disabled: node.value === undefined, run: copy(String(node.value ?? ''), 'the value') },
          { label: 'As Filter', id: 'copy-filter', disabled: !f, run: copy(f ?? '', 'the filter') },
          SEP,
          bytesMenu('Bytes', fieldBytes, node.field.replace(/\W/g, '_') || 'field'),
        ],
      },
    ];
  }

  /** The hex pane: the packet's bytes, and the selected field's. */
  function hexMenu(): ContextItem[] {
    const d = selection.detail;
    const node = selection.fieldNode;
    const f = node ? fieldFilter(node) : undefined;
    const fieldBytes = d && node && node.length > 0 ? d.bytes.subarray(node.offset, node.offset + node.length) : undefined;
    return [
      bytesMenu('Copy Packet Bytes', d?.bytes, d ? `pkt${d.number}` : 'pkt'),
      bytesMenu('Copy Selected Field Bytes', fieldBytes, node?.field.replace(/\W/g, '_') || 'field'),
      SEP,
      ...filterMenus(f),
    ];
  }

  function show(e: { clientX: number; clientY: number }, label: string, items: readonly ContextItem[]): void {
    ui.contextMenu = { x: e.clientX, y: e.clientY, items, label };
  }

  return { listMenu, treeMenu, hexMenu, show, applyAsColumn };
}
