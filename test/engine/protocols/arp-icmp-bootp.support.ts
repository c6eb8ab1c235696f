// Shared helpers for the ARP, ICMP and BOOTP/DHCP tests: dissect an Ethernet frame through
// the real registry and driver, the way the packet list and the golden test do.
import { expect } from 'vitest';
import { FrameDissector, type DissectResult } from '../../../electron/engine/dissect/dissect-frame.js';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../../../electron/engine/dissect/print-options.js';
import { createRegistry } from '../../../electron/engine/protocols/index.js';

import { hex } from './packet-builder.support.js';

export { hex };

export function dissect(data: Uint8Array, opts: Partial<PrintOptions> = {}, tree = false, wirelen = data.length): DissectResult {
  const fd = new FrameDissector(createRegistry(), { ...DEFAULT_PRINT_OPTIONS, ...opts });
  return fd.dissect(data, wirelen, { number: 1, linktype: 1 }, tree);
}

export function line(h: string, opts: Partial<PrintOptions> = {}): string {
  return dissect(hex(h), opts).line;
}

/** A dissector bug shows up as a "dissector error" malformed expert (the driver never throws). */
export function expectNoDissectorError(r: DissectResult): void {
  const bad = r.experts.filter((e) => e.message.includes('dissector error'));
  expect(bad).toEqual([]);
}

/**
 * Cuts the frame at every length (keeping the wire length) at every verbosity: must never
 * fail, and with a tree every ARP/ICMP/DHCP node must lie inside the captured bytes.
 */
export function cutEverywhere(data: Uint8Array): void {
  for (let n = 0; n <= data.length; n++) {
    const cut = data.subarray(0, n);
    for (const verbose of [0, 1, 3]) {
      const r = dissect(cut, { verbose }, true, data.length);
      expectNoDissectorError(r);
      expect(typeof r.line).toBe('string');
      for (const node of walk(r.tree ?? [])) {
        // Only this suite's protocols: the layers below are tested by their own suites.
        if (!/^(arp|icmp|dhcp)(\.|$)/.test(node.field)) continue;
        expect(node.offset + node.length, `${node.field} at cut ${n}`).toBeLessThanOrEqual(n);
      }
    }
  }
}

/**
 * Checks tcpdump's output for each run of cut lengths: table rows are [first cut, line],
 * the line holding for every cut up to the next row (and to the full length after the last).
 * With a marker, only the text after it is compared (cuts whose line lacks it are skipped).
 */
export function expectCuts(data: Uint8Array, opts: Partial<PrintOptions>, rows: readonly (readonly [number, string])[], marker?: string): void {
  rows.forEach(([from, want], i) => {
    const to = i + 1 < rows.length ? rows[i + 1]![0] - 1 : data.length;
    for (let n = from; n <= to; n++) {
      let got = dissect(data.subarray(0, n), opts, false, data.length).line;
      if (marker) {
        const at = got.indexOf(marker);
        if (at < 0) continue;
        got = got.slice(at + marker.length);
      }
      expect(got, `cut at ${n}`).toBe(want);
    }
  });
}

export function* walk(nodes: readonly FieldNode[]): Generator<FieldNode> {
  for (const n of nodes) {
    yield n;
    if (n.children) yield* walk(n.children);
  }
}

export function findField(nodes: readonly FieldNode[], field: string): FieldNode | undefined {
  for (const n of walk(nodes)) if (n.field === field) return n;
  return undefined;
}

export function allFields(nodes: readonly FieldNode[], field: string): FieldNode[] {
  return [...walk(nodes)].filter((n) => n.field === field);
}
