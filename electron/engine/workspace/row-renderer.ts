// Rows of the packet list and the detail of one packet, for any packet in any order: the
// bytes come back through PacketBytes, the dissector prints tcpdump's line, and the
// SeqOracle gives it the relative-sequence state tcpdump would have had at that packet,
// so a window from the middle of a capture prints what `tcpdump -n` prints there.
import type { FieldNodeDto, PacketDetailDto, RowDto } from '../../shared/dto.js';
import { withComments } from '../dissect/comment-tree.js';
import { FrameDissector, type DissectResult } from '../dissect/dissect-frame.js';
import type { FieldNode } from '../dissect/field-node.js';
import type { Registry } from '../dissect/registry.js';
import { analysisFieldNames } from '../flows/analysis-flags.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import { TCP_SEQ_ORACLE } from '../protocols/tcp.js';
import { invalidHeader } from '../summary/line-printer.js';
import type { ColorRules } from './color-rules.js';
import type { PacketBytes } from './packet-bytes.js';
import type { PacketExtras } from './packet-extras.js';
import type { SeqOracle } from './seq-oracle.js';
import { appTcpNode } from '../tshark/ws-tcp-node.js';

export interface RenderedPacket {
  readonly index: number;
  readonly data: Uint8Array;
  readonly info: string;
  readonly result: DissectResult;
}

export class RowRenderer {
  private readonly dissector: FrameDissector;

  constructor(
    registry: Registry,
    private readonly index: CaptureIndex,
    private readonly extras: PacketExtras,
    private readonly bytes: PacketBytes,
    oracle: SeqOracle,
    private readonly isMarked: (i: number) => boolean,
    private readonly colors: ColorRules,
  ) {
    this.dissector = new FrameDissector(registry);
    this.dissector.setState(TCP_SEQ_ORACLE, oracle);
  }

  /** Dissects packet `i` from its bytes (the summary line is tcpdump's, whatever came before). */
  dissect(i: number, data: Uint8Array, wantTree = false): { info: string; result: DissectResult } {
    const t = this.index.packets;
    const flags = this.extras.epbFlags(i);
    const meta = {
      number: i + 1,
      linktype: this.index.interfaces[t.iface.get(i)]?.linktype ?? -1,
      ...(flags !== undefined ? { epbFlags: flags } : {}),
    };
    const result = this.dissector.dissect(data, t.wirelen.get(i)!, meta, wantTree);
    // The user's comments are the packet's first tree node, for the detail pane and filters.
    if (wantTree) withComments(result.tree, this.extras.comments.get(i));
    return { info: invalidHeader(t.caplen.get(i)!, t.wirelen.get(i)!) ?? result.line, result };
  }

  /** Rendered packets for `indices` (ascending), bytes read with as few reads as possible. */
  async renderMany(indices: readonly number[]): Promise<RenderedPacket[]> {
    const datas = await this.bytes.readMany(indices);
    return indices.map((i, k) => {
      const data = datas[k]!;
      const { info, result } = this.dissect(i, data);
      return { index: i, data, info, result };
    });
  }

  async rows(indices: readonly number[]): Promise<RowDto[]> {
    const rendered = await this.renderMany(indices);
    return rendered.map((p) => this.row(p));
  }

  row(p: RenderedPacket): RowDto {
    const t = this.index.packets;
    const i = p.index;
    const comments = this.extras.comments.get(i);
    // A rule on a field the index lacks needs this row's tree: the row was dissected without one.
    const withTree = (): { data: Uint8Array; result: DissectResult; info: string } => ({ data: p.data, ...this.dissect(i, p.data, true) });
    return {
      index: i,
      number: i + 1,
      time: { sec: t.sec(i), nsec: t.nsec(i) },
      src: p.result.facts.src,
      dst: p.result.facts.dst,
      protocol: p.result.facts.protocol,
      length: t.wirelen.get(i),
      info: p.info,
      flow: t.flow.get(i),
      analysis: analysisFieldNames(t.analysis.get(i)),
      marked: this.isMarked(i),
      colorRule: this.colors.ruleOf(this.index, i, withTree),
      malformed: p.result.facts.malformed,
      ...(comments ? { comments: [...comments] } : {}),
    };
  }

  async detail(i: number): Promise<PacketDetailDto> {
    const [data = new Uint8Array(0)] = await this.bytes.readMany([i]);
    const { info, result } = this.dissect(i, data, true);
    const tree: FieldNode[] = result.tree ? [...result.tree] : [];
    // Wireshark's TCP tree, as its GUI shows it after the first pass: the stream's final values.
    const at = tree.findIndex((n) => n.field === 'tcp');
    if (at >= 0) tree[at] = appTcpNode(this.index, i, tree[at]!, data);
    const comments = this.extras.comments.get(i);
    return {
      index: i,
      number: i + 1,
      line: info,
      tree: shown(tree) as FieldNodeDto[],
      // A copy: the read buffer may be shared with neighbouring packets.
      bytes: data.slice(),
      ...(comments ? { comments: [...comments] } : {}),
    };
  }
}

/** The tree as Wireshark shows it: its hidden fields (kept for filters) left out. */
function shown(nodes: readonly FieldNode[]): FieldNode[] {
  return nodes.filter((n) => !n.hidden).map((n) => (n.children ? { ...n, children: shown(n.children) } : n));
}
