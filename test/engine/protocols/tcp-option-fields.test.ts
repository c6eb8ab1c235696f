// TCP options as fields (tcp-option-fields.ts): Wireshark's option subtrees with kind and
// length, and the MPTCP subtype, declared in that one file and thereby shown in the tree,
// filterable, answered by the index (it is declared indexed) and offered for completion.
import { describe, expect, it } from 'vitest';
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { compileFilter } from '../../../electron/engine/filter/compile-filter.js';
import { fieldNames, lookupField } from '../../../electron/engine/filter/field-registry.js';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { LINKTYPE_ETHERNET } from '../../../electron/capfile/linktypes.js';
import { SYN } from './tcp-conversation.support.js';
import { expectField, expectFieldsLikeTshark, field, hex, pcapFile, tree } from './link-transport.support.js';

// A SYN with MSS, MP_CAPABLE (RFC 8684 3.1, version 0, checksum required, HMAC-SHA1, key
// 0102030405060708), NOP, NOP, SACK permitted; tcpdump -n -XX:
// 22:13:20.000000 IP 192.0.2.1.40000 > 192.0.2.2.80: Flags [S], seq 1000, win 64240, options [mss 1460,mptcp 12 capable v0 csum {0x102030405060708},nop,nop,sackOK], length 0
//   0x0000:  0200 0000 0002 0200 0000 0001 0800 4500  ..............E.
//   0x0010:  003c 0001 4000 4006 b6b7 c000 0201 c000  .<....@.@.......
//   0x0020:  0202 9c40 0050 0000 03e8 0000 0000 a002  ...@.P..........
//   0x0030:  faf0 0505 0000 0204 05b4 1e0c 0081 0102  ................
//   0x0040:  0304 0506 0708 0101 0402                ..........
const MPTCP_SYN = hex(
  '02000000000202000000000108004500003c000140004006b6b7c0000201c0000202' + '9c400050000003e800000000a002faf005050000020405b41e0c00810102030405060708' + '01010402',
);

function indexOf(frames: readonly Uint8Array[]): CaptureIndex {
  const idx = new CaptureIndex();
  const file = pcapFile(LINKTYPE_ETHERNET, frames.map((data) => ({ data, wirelen: data.length })));
  readCaptureBytes(file, { onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void idx.add(rec, data) });
  return idx;
}

describe('TCP option subtrees', () => {
  it('give each option its kind and length, as Wireshark does', () => {
    const t = tree(SYN);
    const mss = expectField(t, 'tcp.options.mss', 54, 4);
    expect(mss.children?.map((n) => [n.field, n.offset, n.length, n.label])).toEqual([
      ['tcp.option_kind', 54, 1, 'Kind: Maximum Segment Size (2)'],
      ['tcp.option_len', 55, 1, 'Length: 4'],
    ]);
    expect(field(t, 'tcp.options.nop').children?.map((n) => n.label)).toEqual(['Kind: No-Operation (1)']);
  });
});

describe('tcp.options.mptcp.subtype', () => {
  it('is in the tree where tshark puts it, named and bit-labelled from its declaration', () => {
    const t = tree(MPTCP_SYN);
    const node = expectField(t, 'mptcp', 58, 12);
    expect(node.label).toBe('Multipath Transmission Control Protocol: Multipath Capable');
    expect(expectField(t, 'tcp.options.mptcp.subtype', 60, 1, 0).label).toBe('0000 .... = Multipath TCP subtype: Multipath Capable (0)');
    expectFieldsLikeTshark('tcp-mptcp', LINKTYPE_ETHERNET, [MPTCP_SYN]);
  });

  it('is known to the filter and offered for completion', () => {
    expect(lookupField('tcp.options.mptcp.subtype')?.type).toBe('uint');
    expect(lookupField('tcp.options.mptcp.subtype')?.decl.name).toBe('Multipath TCP subtype');
    expect(fieldNames()).toContain('tcp.options.mptcp.subtype');
    expect(fieldNames()).toContain('mptcp');
  });

  it('is answered by the index, without dissecting, because it is declared indexed', () => {
    const idx = indexOf([MPTCP_SYN, SYN]);
    const c = compileFilter('tcp.options.mptcp.subtype == 0');
    if (!c.ok) throw new Error(c.error.message);
    expect(c.filter.matchIndex(idx, 0)).toBe(true);
    expect(c.filter.matchIndex(idx, 1)).toBe(false);
    const other = compileFilter('tcp.options.mptcp.subtype == 1');
    if (!other.ok) throw new Error(other.error.message);
    expect(other.filter.matchIndex(idx, 0)).toBe(false);
  });

  it('agrees with the tree on both paths', () => {
    const c = compileFilter('tcp.options.mptcp.subtype == 0');
    if (!c.ok) throw new Error(c.error.message);
    const idx = indexOf([MPTCP_SYN, SYN]);
    expect(c.filter.matchTree(tree(MPTCP_SYN), { index: idx, i: 0, data: MPTCP_SYN })).toBe(true);
    expect(c.filter.matchTree(tree(SYN), { index: idx, i: 1, data: SYN })).toBe(false);
  });
});
