// The packet list's custom columns (Wireshark's "Apply as Column"): each is a field, shown as
// `tshark -T fields -e FIELD` prints it (all occurrences comma-joined), by the same
// FieldsPrinter as `ackline tshark`. Only the rows asked for are computed: fields the capture
// index answers (tcp.stream, tcp.analysis.*, frame times) need no dissection; the others
// dissect just those packets. Times and the TCP analysis come from the session's index,
// which has seen the whole capture, so they are the values a full pass gives.
import { withComments } from '../dissect/comment-tree.js';
import type { FieldNode } from '../dissect/field-node.js';
import { FrameDissector } from '../dissect/dissect-frame.js';
import { lookupField } from '../filter/field-registry.js';
import { createRegistry } from '../protocols/index.js';
import { wsFieldType } from '../tshark/field-format.js';
import { nsDelta, type NsTime, type PacketBase, type TapPacket } from '../tshark/tap.js';
import { COLUMNS, FieldsPrinter, invalidFields } from '../tshark/tshark-fields.js';
import { WiresharkView, type WsPacket } from '../tshark/ws-view.js';
import { packetRecord, type TapSource } from './tap-pass.js';

/**
 * Fields FieldsPrinter answers from the packet's times and the index alone (no tree).
 * udp.stream, though the index computes it, is not: it also names the stream of a datagram
 * an ICMP error quotes, found in the tree.
 */
const NO_TREE = new Set(['frame.time', 'frame.time_epoch', 'frame.time_relative', 'frame.time_delta', 'frame.time_delta_displayed', 'tcp.analysis.ack_rtt']);

/** Why `field` cannot be a custom column, or null when it can. */
export function customColumnError(field: string): string | null {
  if (COLUMNS.has(field)) return `"${field}" is a packet-list column already`;
  if (invalidFields([field]).length) return `"${field}" is not a known field`;
  return null;
}

/** The display name of a field (the column's default title): the registry's, else its abbreviation. */
export function fieldTitle(field: string): string {
  return lookupField(field)?.decl.name ?? field;
}

/** Whether a field's values sort as numbers (Wireshark: by the field's type). */
export function numericField(field: string): boolean {
  const ft = wsFieldType(field)?.ftype;
  if (ft) return /^FT_(U?INT\d+|FLOAT|DOUBLE|RELATIVE_TIME|FRAMENUM)$/.test(ft);
  const t = lookupField(field)?.type;
  return t === 'uint' || t === 'int' || t === 'float';
}

/** A field needs the packet's detail tree (it is not answered by the index). */
function needsTree(field: string): boolean {
  if (NO_TREE.has(field)) return false;
  if (field === 'udp.stream') return true;
  const def = lookupField(field);
  return !def || def.source.kind !== 'index';
}

const NO_BYTES = new Uint8Array(0);

export class CustomColumns {
  private readonly dissector = new FrameDissector(createRegistry());

  constructor(private readonly src: TapSource) {}

  /**
   * The columns' texts for packets `indices` (ascending), one array per packet in the
   * fields' order.
   */
  async values(fields: readonly string[], indices: readonly number[]): Promise<string[][]> {
    if (!fields.length || !indices.length) return indices.map(() => []);
    const tree = fields.some(needsTree);
    // Without a tree no value is read from the bytes (an index value has no node to point into them).
    const datas = tree ? await this.src.bytes.readMany(indices) : indices.map(() => NO_BYTES);
    // A fresh view per window: its reassembly state only spans these packets.
    const view = new WiresharkView();
    const printer = new FieldsPrinter(fields);
    return indices.map((i, k) => {
      const p = this.packet(i, datas[k]!, tree, view);
      const row = fields.map((f) => printer.values(f, p).join(','));
      printer.line(p);
      return row;
    });
  }

  private packet(i: number, data: Uint8Array, withTree: boolean, view: WiresharkView): TapPacket {
    const index = this.src.index;
    const t = index.packets;
    const rec = packetRecord(this.src, i);
    const time = (j: number): NsTime => ({ sec: t.sec(j) + Math.floor(t.nsec(j) / 1e9), nsec: t.nsec(j) % 1e9 });
    const abs = time(i);
    let tree: FieldNode[] = [];
    if (withTree) {
      const meta = { number: rec.number, linktype: index.interfaces[rec.interfaceId]?.linktype ?? -1, ...(rec.epbFlags !== undefined ? { epbFlags: rec.epbFlags } : {}) };
      tree = withComments(this.dissector.dissect(data, rec.wirelen, meta, true).tree ?? [], rec.comments);
    }
    const base: PacketBase = { rec, i, index, data, tree, abs, rel: nsDelta(abs, time(0)), delta: i > 0 ? nsDelta(abs, time(i - 1)) : { sec: 0, nsec: 0 } };
    const ws: WsPacket = withTree ? view.packet(base) : { layers: [], tree, fragment: { kind: 'none' }, bytesOf: () => data };
    return { ...base, ws, experts: [] };
  }
}

/** Each field's title, or throws the first refused field's reason (one line). */
export function checkCustomColumns(fields: readonly string[]): string[] {
  for (const f of fields) {
    const error = customColumnError(f);
    if (error) throw new Error(`cannot add the column: ${error}`);
  }
  return fields.map(fieldTitle);
}
