// The TCP detail tree (tcp-tree.ts): Wireshark's field names on the right bytes for real
// segments (the curl conversation, AccECN, a snaplen-cut segment), flag bits and their labels,
// option nodes, the payload node, and the positions tshark gives the same fields.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACK, CONVERSATION, GET, RESPONSE, SYN, SYN_ACK } from './tcp-conversation.support.js';
import { childFields, concat, expectField, expectFieldsLikeTshark, expectSound, field, fields, hex, tree } from './link-transport.support.js';

// tcpdump-suite/accecn_handshake.pcap frame 1 (tcpdump -n -XX -v); its data offset byte 0xa1
// carries the AE (ex-NS) bit:
// 06:26:07.794026 IP (tos 0x0, ttl 64, id 0, offset 0, flags [DF], proto TCP (6), length 60)
//     31.133.146.248.16433 > 66.228.43.12.80: Flags [SEW], cksum 0x209c (incorrect -> 0xe443), seq 1948076589, win 65535, options [mss 1460,nop,wscale 6,sackOK,TS val 112147477 ecr 0], length 0
//   0x0000:  18fd 7407 45cd 000c 29f7 8012 0800 4500  ..t.E...).....E.
//   0x0010:  003c 0000 4000 4006 1a4f 1f85 92f8 42e4  .<..@.@..O....B.
//   0x0020:  2b0c 4031 0050 741d 4a2d 0000 0000 a1c2  +.@1.Pt.J-......
//   0x0030:  ffff 209c 0000 0204 05b4 0103 0306 0402  ................
//   0x0040:  080a 06af 3c15 0000 0000                 ....<.....
const ACCECN_SYN = hex(
  '18fd740745cd000c29f7801208004500003c0000400040061a4f1f8592f842e4' +
  '2b0c40310050741d4a2d00000000a1c2ffff209c0000020405b4010303060402' +
  '080a06af3c1500000000',
);

describe('TCP tree of a SYN', () => {
  const t = tree(SYN);

  it('has the header fields on their bytes with their values', () => {
    const tcp = expectField(t, 'tcp', 34, 40);
    expect(tcp.label).toBe('Transmission Control Protocol, Src Port: 56368, Dst Port: 80, Seq: 2752494994, Len: 0');
    expect(childFields(tcp)).toEqual([
      'tcp.srcport', 'tcp.dstport', 'tcp.port', 'tcp.port', 'tcp.len', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.hdr_len', 'tcp.flags',
      'tcp.window_size_value', 'tcp.checksum', 'tcp.urgent_pointer', 'tcp.options',
    ]);
    expectField(t, 'tcp.srcport', 34, 2, 56368);
    expectField(t, 'tcp.dstport', 36, 2, 80);
    expect(fields(t, 'tcp.port').map((n) => [n.offset, n.value])).toEqual([
      [34, 56368],
      [36, 80],
    ]);
    expectField(t, 'tcp.len', 34, 0, 0);
    expectField(t, 'tcp.seq_raw', 38, 4, 2752494994);
    expectField(t, 'tcp.ack_raw', 42, 4, 0);
    expect(expectField(t, 'tcp.hdr_len', 46, 1, 40).label).toBe('1010 .... = Header Length: 40 bytes (10)');
    expectField(t, 'tcp.window_size_value', 48, 2, 64240);
    expect(expectField(t, 'tcp.checksum', 50, 2, 0x5630).label).toBe('Checksum: 0x5630 [unverified]');
    expectField(t, 'tcp.urgent_pointer', 52, 2, 0);
  });

  it('has one node per flag bit, labelled like Wireshark', () => {
    const flags = expectField(t, 'tcp.flags', 46, 2, 0x002);
    expect(flags.label).toBe('Flags: 0x002');
    expect(childFields(flags)).toEqual([
      'tcp.flags.res', 'tcp.flags.ae', 'tcp.flags.cwr', 'tcp.flags.ece', 'tcp.flags.urg', 'tcp.flags.ack', 'tcp.flags.push', 'tcp.flags.reset', 'tcp.flags.syn', 'tcp.flags.fin', 'tcp.flags.str',
    ]);
    // Wireshark's letters: R R R (reserved) A C E U A P R S F, a middle dot for each clear bit.
    expect(expectField(t, 'tcp.flags.str', 46, 2, '\u00b7'.repeat(10) + 'S\u00b7').label).toBe('[TCP Flags: \u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7\u00b7S\u00b7]');
    expect(expectField(t, 'tcp.flags.syn', 47, 1, true).label).toBe('.... .... ..1. = Syn: Set');
    expect(expectField(t, 'tcp.flags.ack', 47, 1, false).label).toBe('.... ...0 .... = Acknowledgment: Not set');
    expect(expectField(t, 'tcp.flags.fin', 47, 1, false).label).toBe('.... .... ...0 = Fin: Not set');
    expect(expectField(t, 'tcp.flags.ae', 46, 1, false).label).toBe('...0 .... .... = Accurate ECN: Not set');
    expect(expectField(t, 'tcp.flags.res', 46, 1, 0).label).toBe('000. .... .... = Reserved: Not set');
  });

  it('has one node per option inside tcp.options', () => {
    const opts = expectField(t, 'tcp.options', 54, 20);
    expect(childFields(opts)).toEqual(['tcp.options.mss', 'tcp.options.sack_perm', 'tcp.options.timestamp', 'tcp.options.nop', 'tcp.options.wscale']);
    expect(expectField(t, 'tcp.options.mss', 54, 4).label).toBe('TCP Option - Maximum segment size: 1460 bytes');
    expectField(t, 'tcp.options.sack_perm', 58, 2);
    expect(expectField(t, 'tcp.options.timestamp', 60, 10).label).toBe('TCP Option - Timestamps: TSval 4189141736, TSecr 0');
    expectField(t, 'tcp.options.nop', 70, 1);
    expect(expectField(t, 'tcp.options.wscale', 71, 3).label).toBe('TCP Option - Window scale: 10 (multiply by 1024)');
    // Each option carries its kind and (beyond NOP/EOL) its length, as Wireshark's tree does.
    expect(opts.children!.map((o) => (o.children ?? []).map((c) => `${c.field}=${String(c.value)}`))).toEqual([
      ['tcp.option_kind=2', 'tcp.option_len=4'],
      ['tcp.option_kind=4', 'tcp.option_len=2'],
      ['tcp.option_kind=8', 'tcp.option_len=10'],
      ['tcp.option_kind=1'],
      ['tcp.option_kind=3', 'tcp.option_len=3'],
    ]);
  });
});

describe('TCP tree of other segments', () => {
  it('shows SYN-ACK flags and the acknowledgment number', () => {
    const t = tree(SYN_ACK);
    expectField(t, 'tcp.ack_raw', 42, 4, 2752494995);
    expectField(t, 'tcp.flags', 46, 2, 0x012);
    expectField(t, 'tcp.flags.syn', 47, 1, true);
    expectField(t, 'tcp.flags.ack', 47, 1, true);
  });

  it('adds the payload after the header, outside the TCP item as Wireshark does', () => {
    const t = tree(GET);
    expectField(t, 'tcp', 34, 32);
    expectField(t, 'tcp.len', 34, 0, 84);
    const payload = expectField(t, 'tcp.payload', 66, 84);
    expect(payload.label).toBe('TCP payload (84 bytes)');
    expect(field(t, 'tcp').children).toContain(payload);
    expectField(t, 'tcp.flags.push', 47, 1, true);
  });

  it('cuts the payload node to the captured bytes of a snaplen-limited segment', () => {
    const t = tree(RESPONSE.subarray(0, 96), { wirelen: RESPONSE.length });
    const payload = expectField(t, 'tcp.payload', 66, 30);
    expect(payload.truncated).toBe(true);
    expect(payload.label).toBe('TCP payload (293 bytes)');
  });

  it('shows the AE bit of an AccECN SYN in the flags value and its own node', () => {
    const t = tree(ACCECN_SYN);
    expectField(t, 'tcp.flags', 46, 2, 0x1c2);
    expectField(t, 'tcp.flags.ae', 46, 1, true);
    expectField(t, 'tcp.flags.cwr', 47, 1, true);
    expectField(t, 'tcp.flags.ece', 47, 1, true);
    expect(field(t, 'tcp.flags').label).toBe('Flags: 0x1c2');
  });

  it('names an EOL option and marks an option list that overruns the header', () => {
    const eol = concat(ACK.subarray(0, 54), hex('0101000a0000000000000000'));
    expect(fields(tree(eol), 'tcp.options.eol').map((n) => [n.offset, n.length])).toEqual([[56, 1]]);
    const overrun = concat(ACK.subarray(0, 54), hex('01010820000000000000000000'.slice(0, 24)));
    const bad = fields(tree(overrun), '_ws.malformed');
    expect(bad.map((n) => [n.offset, n.length])).toEqual([[56, 10]]);
  });

  it('places every field on the bytes tshark gives it', () => {
    expectFieldsLikeTshark('tcp', 1, [...CONVERSATION, ACCECN_SYN]);
  });
});

describe('TCP tree of random segments', () => {
  it('keeps options, flags and payload inside the segment', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 15 }), fc.uint8Array({ minLength: 40, maxLength: 40 }), fc.uint8Array({ maxLength: 30 }), (words, hdr, payload) => {
        const tcpHdr = new Uint8Array(hdr);
        tcpHdr[12] = (words << 4) | (tcpHdr[12]! & 15);
        const seg = concat(tcpHdr.subarray(0, words * 4), payload);
        const frame = concat(SYN.subarray(0, 34), seg);
        frame[16] = (20 + seg.length) >> 8;
        frame[17] = (20 + seg.length) & 0xff;
        const r = expectSound(frame);
        const tcp = (r.tree ?? []).find((n) => n.field === 'tcp');
        if (tcp) expect(tcp.offset + tcp.length).toBeLessThanOrEqual(frame.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TCP option list walked like the index mode walks it', () => {
  it('stops at an option whose length cannot hold its kind and length', () => {
    // NOP, then kind 8 with length 1 (bogus), then what would be an MSS option.
    const bogus = concat(ACK.subarray(0, 46), hex('70'), ACK.subarray(47, 54), hex('01080102040005b4'));
    const t = tree(bogus);
    expect(fields(t, 'tcp.options.nop').length).toBe(1);
    expect(fields(t, 'tcp.options.mss')).toEqual([]);
    expect(fields(t, '_ws.malformed').map((n) => [n.offset, n.length])).toEqual([[55, 7]]);
  });
});
