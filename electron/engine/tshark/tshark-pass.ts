// electron/engine/tshark/: Wireshark's views of a capture (columns, -T fields, -V, -z statistics, follow), shared by `ackline tshark` and the app's windows.
// One pass over a capture the way tshark makes it: every packet is indexed (flows, TCP
// analysis), dissected with its detail tree, and handed to every statistics view. As in
// tshark 4.0, the views see every packet read: the display filter (-Y) only chooses which
// packets are printed, and each view has its own filter (-z conv,ip,FILTER).
import { withComments } from '../dissect/comment-tree.js';
import { FrameDissector } from '../dissect/dissect-frame.js';
import { CaptureIndex } from '../flows/capture-index.js';
import type { CaptureInterface, PacketRecord } from '../../capfile/types.js';
import { createRegistry } from '../protocols/index.js';
import { nsCompare, nsDelta, type NsTime, type PacketBase, type Tap, type TapPacket } from './tap.js';
import { WsColumns } from './ws-columns.js';
import { WsExperts } from './ws-expert.js';
import { WiresharkView } from './ws-view.js';
import type { NameResolver } from '../names/name-resolver.js';

export class TsharkPass {
  readonly index = new CaptureIndex();
  private readonly dissector = new FrameDissector(createRegistry());
  private readonly ws = new WiresharkView();
  private readonly experts = new WsExperts();
  private readonly linktypes = new Map<number, number>();
  private first: NsTime | null = null;
  private previous: NsTime | null = null;
  private latest: NsTime = { sec: 0, nsec: 0 };

  private readonly columns: WsColumns | null;

  /** @param withColumns compute Wireshark's Protocol and Info columns of every packet. */
  constructor(
    readonly taps: readonly Tap[] = [],
    withColumns = false,
    /** The names turned on (tshark -N): learned from DNS as packets pass, shown in the columns. */
    readonly names?: NameResolver,
  ) {
    this.columns = withColumns ? new WsColumns(names) : null;
  }

  addInterface(iface: CaptureInterface): void {
    this.index.addInterface(iface);
    this.linktypes.set(iface.id, iface.linktype);
  }

  /** Indexes, dissects and taps one packet (call in file order); returns it for printing. */
  add(rec: PacketRecord, data: Uint8Array): TapPacket {
    const i = this.index.add(rec, data);
    const meta = { number: rec.number, linktype: this.linktypes.get(rec.interfaceId) ?? -1, ...(rec.epbFlags !== undefined ? { epbFlags: rec.epbFlags } : {}) };
    const tree = withComments(this.dissector.dissect(data, rec.wirelen, meta, true).tree ?? [], rec.comments);
    // Names learned from this packet's own DNS answers already name its addresses (as in tshark).
    this.names?.learn(tree);
    // A pcap record may carry a microsecond field of 1000000 or more: normalize as nstime does.
    const abs = { sec: rec.tsSec + Math.floor(rec.tsNsec / 1e9), nsec: rec.tsNsec % 1e9 };
    const delta = this.previous ? nsDelta(abs, this.previous) : { sec: 0, nsec: 0 };
    this.previous = abs;
    this.first ??= abs;
    const rel = nsDelta(abs, this.first);
    if (nsCompare(rel, this.latest) > 0) this.latest = rel;
    const flow = this.index.flows.get(this.index.packets.flow.get(i));
    const shown = this.index.tcp.shown;
    // tshark's single pass shows the analysis as it stood at this segment.
    const tcpShown =
      flow?.kind === 'tcp' && this.index.packets.ipProto.get(i) === 6
        ? {
            completeness: shown.completeness,
            analyzed: shown.analyzed ?? false,
            winScale: this.index.tcp.windowScale(flow.stream, this.index.packets.src.get(i) === flow.a && this.index.packets.sport.get(i) === flow.aPort ? 0 : 1),
            ...(shown.initialRtt !== undefined ? { initialRttNs: Math.round(shown.initialRtt * 1e9) } : {}) }
        : undefined;
    const base: PacketBase = { rec, i, index: this.index, data, tree, abs, rel, delta, ...(tcpShown ? { tcpShown } : {}) };
    const withWs: TapPacket = { ...base, ws: this.ws.packet(base), experts: [] };
    const withExperts: TapPacket = { ...withWs, experts: this.experts.packet(withWs) };
    const p: TapPacket = this.columns ? { ...withExperts, cols: this.columns.next(withExperts) } : withExperts;
    for (const t of this.taps) t.packet(p);
    return p;
  }

  /** The latest packet time after the first one (tshark's elapsed time, used by io,stat). */
  get elapsed(): NsTime {
    return this.latest;
  }

  get packets(): number {
    return this.index.packets.length;
  }
}
