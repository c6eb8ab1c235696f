// read -Y runs the TCP analysis only for filters that read what it computes.
import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { filterNeedsAnalysis } from '../../../electron/engine/filter/needs-analysis.js';

function needs(text: string): boolean {
  const c = compileFilter(text);
  if (!c.ok) throw new Error(c.error.message);
  return filterNeedsAnalysis(c.filter.fields);
}

describe('filterNeedsAnalysis', () => {
  it('is false for filters on dissected and indexed header fields', () => {
    for (const f of ['http contains "nginx"', 'tcp.port == 80 and tcp.flags.syn == 1', 'frame contains "x"', 'frame.protocols contains "dns"', 'ip.src == 10.0.0.1', '']) expect(needs(f), f).toBe(false);
  });
  it('is true for tcp.analysis.*, relative sequence numbers, streams and TCP times', () => {
    for (const f of ['tcp.analysis.retransmission', 'not tcp.analysis.flags', 'tcp.seq == 1', 'tcp.ack > 5', 'tcp.stream == 2', 'tcp.time_delta > 0.1', 'http or tcp.analysis.duplicate_ack_num']) expect(needs(f), f).toBe(true);
  });
});
