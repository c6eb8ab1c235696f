// Wireshark's TCP tree (ws-tcp-tree.ts) on hand-built segments: the nodes, their fields and
// order where the scenario captures do not go (no window scaling offered, a capture that
// starts mid-stream, the closing notes, a reset, a retransmission's RTO), and the two views
// of one builder: tshark's single pass and the app's final values.
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../../../electron/engine/dissect/field-node.js';
import type { Tap, TapPacket } from '../../../electron/engine/tshark/tap.js';
import { tcpFacts } from '../../../electron/engine/tshark/ws-tcp-facts.js';
import { wsTcpNodes } from '../../../electron/engine/tshark/ws-tcp-node.js';
import { completenessText } from '../../../electron/engine/tshark/ws-tcp-tree.js';
import { runFrames, type Seg } from './frames.js';

/** The TCP nodes `-V` prints for every TCP packet, in order. */
function trees(segs: readonly Seg[]): { nodes: FieldNode[][]; packets: TapPacket[] } {
  const nodes: FieldNode[][] = [];
  const packets: TapPacket[] = [];
  const tap: Tap = {
    packet(p) {
      const tcp = p.ws.tree.find((n) => n.field === 'tcp');
      if (!tcp) return;
      nodes.push(wsTcpNodes(p, tcp));
      packets.push(p);
    },
    draw() {},
  };
  runFrames(segs, [tap]);
  return { nodes, packets };
}

function find(nodes: readonly FieldNode[] | undefined, field: string): FieldNode | undefined {
  for (const n of nodes ?? []) {
    if (n.field === field) return n;
    const d = find(n.children, field);
    if (d) return d;
  }
  return undefined;
}

const label = (nodes: readonly FieldNode[], field: string): string | undefined => find(nodes, field)?.label;

const HANDSHAKE: Seg[] = [
  { dir: 'c', flags: 'S', seq: 1000 },
  { dir: 's', flags: 'SA', seq: 5000, ack: 1001 },
  { dir: 'c', flags: 'A', seq: 1001, ack: 5001 },
];

describe('Wireshark TCP tree', () => {
  it('names the completeness values as conversation_completeness_fill does', () => {
    expect([0, 1, 3, 5, 7, 15, 23, 31, 39, 47, 55, 63].map(completenessText)).toEqual([
      'Incomplete (0)',
      'Incomplete, SYN_SENT (1)',
      'Incomplete, CLIENT_ESTABLISHED (3)',
      'Incomplete (5)',
      'Incomplete, ESTABLISHED (7)',
      'Incomplete, DATA (15)',
      'Complete, NO_DATA (23)',
      'Complete, WITH_DATA (31)',
      'Complete, NO_DATA (39)',
      'Complete, WITH_DATA (47)',
      'Complete, NO_DATA (55)',
      'Complete, WITH_DATA (63)',
    ]);
  });

  it('a handshake without window scale: the node order, relative numbers, no scaling used, no hidden port, a first line awaited', () => {
    const { nodes } = trees([...HANDSHAKE, { dir: 'c', flags: 'PA', seq: 1001, ack: 5001, data: 'hello' }]);
    const data = nodes[3]![0]!;
    expect(data.label).toBe('Transmission Control Protocol, Src Port: 1000, Dst Port: 80, Seq: 1, Ack: 1, Len: 5');
    expect(data.children!.map((n) => n.field)).toEqual([
      'tcp.srcport',
      'tcp.dstport',
      'tcp.stream',
      'tcp.completeness',
      'tcp.len',
      'tcp.seq',
      'tcp.seq_raw',
      'tcp.nxtseq',
      'tcp.ack',
      'tcp.ack_raw',
      'tcp.hdr_len',
      'tcp.flags',
      'tcp.window_size_value',
      'tcp.window_size',
      'tcp.window_size_scalefactor',
      'tcp.checksum',
      'tcp.checksum.status',
      'tcp.urgent_pointer',
      'tcp.time',
      'tcp.analysis',
      'tcp.payload',
      // HTTP's port, and no whole first line yet: HTTP asks for more (tshark 4.0 on these bytes).
      'tcp.segment_data',
    ]);
    expect(data.children!.at(-1)!.label).toBe('TCP segment data (5 bytes)');
    expect(label([data], 'tcp.window_size_scalefactor')).toBe('[Window size scaling factor: -2 (no window scaling used)]');
    expect(label([data], 'tcp.window_size')).toBe('[Calculated window size: 65535]');
    expect(label([data], 'tcp.flags')).toBe('Flags: 0x018 (PSH, ACK)');
    expect(label([data], 'tcp.completeness')).toBe('[Conversation completeness: Incomplete, ESTABLISHED (7)]');
    expect(label([data], 'tcp.nxtseq')).toBe('[Next Sequence Number: 6    (relative sequence number)]');
    expect(find(data.children, 'tcp.analysis')!.children!.map((n) => n.label)).toEqual(['[iRTT: 0.002000000 seconds]', '[Bytes in flight: 5]', '[Bytes sent since last PSH flag: 5]']);
    // A SYN: the raw ACK field without "relative", no scaling factor line, the SYN expert under its bit.
    const syn = nodes[0]![0]!;
    expect(label([syn], 'tcp.ack')).toBe('Acknowledgment Number: 0');
    expect(find(syn.children, 'tcp.window_size_scalefactor')).toBeUndefined();
    const bit = find(syn.children, 'tcp.flags.syn')!;
    expect(bit.children?.[0]?.label).toBe('[Expert Info (Chat/Sequence): Connection establish request (SYN): server port 80]');
    expect(bit.children?.[0]?.children?.map((n) => n.label)).toEqual(['[Connection establish request (SYN): server port 80]', '[Severity level: Chat]', '[Group: Sequence]']);
    expect(bit.children?.[0]?.expert).toEqual({ severity: 'chat', group: 'sequence', message: 'Connection establish request (SYN): server port 80' });
  });

  it('a capture that starts mid-stream: unknown scaling, incomplete, relative from the first segment', () => {
    const { nodes } = trees([{ dir: 'c', flags: 'PA', seq: 7000, ack: 9000, data: 'abc' }]);
    const t = nodes[0]![0]!;
    expect(t.label).toBe('Transmission Control Protocol, Src Port: 1000, Dst Port: 80, Seq: 1, Ack: 1, Len: 3');
    expect(label([t], 'tcp.window_size_scalefactor')).toBe('[Window size scaling factor: -1 (unknown)]');
    expect(label([t], 'tcp.completeness')).toBe('[Conversation completeness: Incomplete (0)]');
    expect(find(t.children, 'tcp.time')!.children!.map((n) => n.label)).toEqual([
      '[Time since first frame in this TCP stream: 0.000000000 seconds]',
      '[Time since previous frame in this TCP stream: 0.000000000 seconds]',
    ]);
  });

  it('the first FIN initiates the closing, the peer\'s undergoes it; a reset is a warning under its bit', () => {
    const { nodes } = trees([
      ...HANDSHAKE,
      { dir: 's', flags: 'FA', seq: 5001, ack: 1001 },
      { dir: 'c', flags: 'FA', seq: 1001, ack: 5002 },
      { dir: 's', flags: 'R', seq: 5002 },
    ]);
    const closing = (k: number): string | undefined => find(nodes[k], 'tcp.flags.str')?.children?.[0]?.label;
    expect(closing(3)).toBe('[Expert Info (Note/Sequence): This frame initiates the connection closing]');
    expect(closing(4)).toBe('[Expert Info (Note/Sequence): This frame undergoes the connection closing]');
    expect(find(nodes[3], 'tcp.flags.fin')?.children?.[0]?.label).toBe('[Expert Info (Chat/Sequence): Connection finish (FIN)]');
    const rst = find(nodes[5], 'tcp.flags.reset')?.children?.[0];
    expect(rst?.label).toBe('[Expert Info (Warning/Sequence): Connection reset (RST)]');
    expect(rst?.expert?.severity).toBe('warning');
    expect(label(nodes[5]!, 'tcp.flags')).toBe('Flags: 0x004 (RST)');
  });

  it('a plain retransmission on an unclaimed port: the RTO from the first sending, its bytes named', () => {
    const segs: Seg[] = [
      { dir: 'c', flags: 'S', seq: 1000, sport: 40000, dport: 47001 },
      { dir: 's', flags: 'SA', seq: 5000, ack: 1001, sport: 47001, dport: 40000 },
      { dir: 'c', flags: 'A', seq: 1001, ack: 5001, sport: 40000, dport: 47001 },
      { dir: 'c', flags: 'PA', seq: 1001, ack: 5001, data: 'x'.repeat(10), sport: 40000, dport: 47001 },
      { dir: 'c', flags: 'PA', seq: 1001, ack: 5001, data: 'x'.repeat(10), sport: 40000, dport: 47001 },
    ];
    const { nodes } = trees(segs);
    const flags = find(nodes[4], 'tcp.analysis.flags')!;
    expect(flags.children!.map((n) => n.label)).toEqual([
      '[Expert Info (Note/Sequence): This frame is a (suspected) retransmission]',
      '[The RTO for this segment was: 0.001000000 seconds]',
      '[RTO based on delta from frame: 4]',
    ]);
    const t = nodes[4]![0]!;
    expect(t.children!.at(-1)!.label).toBe('Retransmitted TCP segment data (10 bytes)');
    expect(t.children!.at(-2)!.field).toBe('tcp.payload');
  });

  it("one builder, two views: tshark's pass shows the completeness it knew, the app the stream's final one", () => {
    const { nodes, packets } = trees([...HANDSHAKE, { dir: 'c', flags: 'PA', seq: 1001, ack: 5001, data: 'hi' }, { dir: 's', flags: 'FA', seq: 5001, ack: 1003 }, { dir: 'c', flags: 'FA', seq: 1003, ack: 5002 }]);
    expect(label(nodes[0]!, 'tcp.completeness')).toBe('[Conversation completeness: Incomplete (0)]');
    const first = packets[0]!;
    expect(tcpFacts(first.index, first.i)!.completeness).toBe(31);
    // The app has iRTT on the SYN-ACK too (known once the handshake ended), as Wireshark's GUI.
    const synAck = packets[1]!;
    expect(tcpFacts(synAck.index, synAck.i, synAck.tcpShown)!.seqAck?.irttNs).toBeUndefined();
    expect(tcpFacts(synAck.index, synAck.i)!.seqAck?.irttNs).toBe(2_000_000);
  });
});
