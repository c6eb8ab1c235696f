// electron/engine/dissect/: the dissector interface, the registry and the frame walk that runs them.
import { Frame } from '../bytes/frame.js';
import { Truncated } from '../bytes/truncated.js';
import { hexAndAsciiPrint } from '../summary/hexdump.js';
import { DissectContext, type FrameMeta } from './dissect-context.js';
import type { ExpertInfo, FieldNode } from './field-node.js';
import type { PacketFacts } from './layer-info.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from './print-options.js';
import type { Registry } from './registry.js';
import { TreeBuilder } from './tree-builder.js';

export interface DissectResult {
  /** The tcpdump line without the timestamp (may contain "\n\t" hex-dump continuation lines). */
  readonly line: string;
  readonly facts: PacketFacts;
  /** Detail tree when asked for, else null. */
  readonly tree: FieldNode[] | null;
  readonly experts: readonly ExpertInfo[];
}

/**
 * A field may be declared longer than what was captured (a length field, a cut frame): the
 * hex pane can only show captured bytes, so every node is cut at the end of the capture and
 * marked truncated there (Wireshark's "[Packet size limited during capture]").
 */
function clampToCapture(nodes: FieldNode[], caplen: number): void {
  for (const n of nodes) {
    const w = n as { offset: number; length: number };
    if (w.offset > caplen) {
      w.offset = caplen;
      w.length = 0;
      n.truncated = true;
    } else if (w.offset + w.length > caplen) {
      w.length = Math.max(0, caplen - w.offset);
      n.truncated = true;
    }
    if (n.children) clampToCapture(n.children, caplen);
  }
}

/**
 * Dissects the frames of one capture in order. Keeps the state tcpdump keeps across
 * packets (relative TCP sequence numbers), so frames must be given in file order
 * for the summary lines to match tcpdump's.
 *
 * Never throws: a read past the capture ends the line with ` [|proto]` like tcpdump;
 * any other failure is reported as a malformed packet and dissection of later frames goes on.
 */
export class FrameDissector {
  private readonly state = new Map<string, unknown>();
  private readonly frame = new Frame(new Uint8Array(0));
  private ctx: DissectContext | null = null;

  constructor(
    readonly registry: Registry,
    readonly opts: PrintOptions = DEFAULT_PRINT_OPTIONS,
  ) {}

  /** Forgets cross-frame state (use before re-reading a capture from its start). */
  resetState(): void {
    this.state.clear();
  }

  /** Installs cross-frame state from outside (e.g. tcp.ts's TCP_SEQ_ORACLE for random access). */
  setState(key: string, value: unknown): void {
    this.state.set(key, value);
  }

  dissect(data: Uint8Array, wirelen: number, meta: FrameMeta, wantTree = false): DissectResult {
    const tree = wantTree ? new TreeBuilder() : null;
    // One Frame and context serve every frame: the per-packet garbage is what limits speed.
    const frame = this.frame;
    frame.load(data, wirelen);
    let ctx = this.ctx;
    if (ctx) ctx.load(meta, tree);
    else ctx = this.ctx = new DissectContext(frame, meta, this.registry, this.opts, this.state, tree);
    if (tree) {
      tree.open(
        'frame',
        `Frame ${meta.number}: ${wirelen} bytes on wire (${wirelen * 8} bits), ${data.length} bytes captured (${data.length * 8} bits)`,
        0,
        data.length,
      );
      tree.add('frame.number', `Frame Number: ${meta.number}`, 0, 0, meta.number);
      tree.add('frame.len', `Frame Length: ${wirelen} bytes (${wirelen * 8} bits)`, 0, 0, wirelen);
      tree.add('frame.cap_len', `Capture Length: ${data.length} bytes (${data.length * 8} bits)`, 0, 0, data.length);
      tree.close();
    }
    const link = this.registry.lookup('linktype', meta.linktype);
    try {
      if (link) {
        ctx.runDissector(link, 0, wirelen);
      } else {
        ctx.protocol = 'unsupported';
        ctx.print('UNSUPPORTED');
        if (!this.opts.eflag) hexAndAsciiPrint(ctx, '\n\t', 0, data.length);
        ctx.facts.protocol = `LINKTYPE ${meta.linktype}`;
      }
    } catch (e) {
      if (e instanceof Truncated) {
        tree?.closeTo(0);
        ctx.printTrunc();
        ctx.addExpert(
          { severity: 'note', group: 'capture', message: `[Packet size limited during capture: ${ctx.protocol} truncated]` },
          // The first missing byte may lie past the captured ones: the note marks where they end.
          Math.min(e.offset, data.length),
          0,
        );
      } else {
        // A dissector bug must not lose the frame or stop the capture: report it as malformed.
        tree?.closeTo(0);
        ctx.markMalformed(`dissector error: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (tree) clampToCapture(tree.roots, data.length);
    return { line: ctx.out, facts: ctx.facts, tree: tree ? tree.roots : null, experts: ctx.experts };
  }
}
