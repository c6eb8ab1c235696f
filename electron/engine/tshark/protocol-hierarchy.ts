// Statistics > Protocol Hierarchy, and `tshark -q -z io,phs[,FILTER]`: the packets' layer
// sequences merged into one tree, frames and bytes per node, children in order of
// appearance (tshark 4.0, ui/cli/tap-protohierstat.c).
import type { CompiledFilter } from '../filter/compile-filter.js';
import { padRight } from './c-format.js';
import { tapMatches, type DrawContext, type Tap, type TapPacket } from './tap.js';

export interface PhsNode {
  readonly protocol: string;
  frames: number;
  bytes: number;
  readonly children: PhsNode[];
}

export class ProtocolHierarchyTap implements Tap {
  private readonly roots: PhsNode[] = [];

  /**
   * @param withFrame tshark puts `frame` at the root when the frame protocol is in its tree:
   * when some filter names a frame field, or fields or a detail tree (-T fields|json, -V) are printed.
   */
  constructor(
    readonly filter: CompiledFilter | null = null,
    public withFrame = false,
    /** Fields or a detail tree are printed (-T fields|json, -V). */
    public fullTree = false,
  ) {}

  packet(p: TapPacket): void {
    if (!tapMatches(this.filter, p)) return;
    const layers = [...p.ws.layers];
    if (this.withFrame) layers.unshift('frame');
    if (this.fullTree) {
      // Printing fields or trees, Wireshark moves the "reassembled segments" item before
      // the message it made; otherwise it stays after.
      for (let s = layers.indexOf('tcp.segments'); s > 0; s = layers.indexOf('tcp.segments', s + 1)) {
        let m = s - 1;
        while (m > 0 && layers[m] !== 'http' && layers[m] !== 'dns') m--;
        if (m > 0) layers.splice(m, 0, ...layers.splice(s, 1));
      }
    }
    let level = this.roots;
    for (const proto of layers) {
      let n = level.find((c) => c.protocol === proto);
      if (!n) level.push((n = { protocol: proto, frames: 0, bytes: 0, children: [] }));
      n.frames++;
      n.bytes += p.rec.wirelen;
      level = n.children;
    }
  }

  tree(): readonly PhsNode[] {
    return this.roots;
  }

  draw(_ctx: DrawContext, out: (text: string) => void): void {
    out(protocolHierarchyText(this.filter?.text ?? '', this.roots));
  }
}

const RULE = '='.repeat(67) + '\n';

export function protocolHierarchyText(filter: string, roots: readonly PhsNode[]): string {
  let s = `\n${RULE}Protocol Hierarchy Statistics\nFilter: ${filter}\n\n`;
  const draw = (nodes: readonly PhsNode[], depth: number): void => {
    for (const n of nodes) {
      // tshark stops indenting after 16 levels and builds the name in an 80-byte buffer.
      const indent = depth > 16 ? '  '.repeat(16) + '...' : '  '.repeat(depth);
      s += `${padRight((indent + n.protocol).slice(0, 79), 40)} frames:${n.frames} bytes:${n.bytes}\n`;
      draw(n.children, depth + 1);
    }
  };
  draw(roots, 0);
  return s + RULE;
}
