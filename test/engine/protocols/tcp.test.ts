// TCP (print-tcp.c tcp_print) on real segments: a whole curl conversation with tcpdump's
// relative sequence numbers, -S/-q/-v/-vv, RST payloads, AccECN flags, the crash reproducers
// of the tcpdump suite, the TcpFacts the flow analysis reads, every truncation vs tcpdump and
// random bytes behind a valid IPv4 header.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDissector } from '../../../electron/engine/dissect/dissect-frame.js';
import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from '../../../electron/engine/dissect/print-options.js';
import { printableChar, TCP_SEQ_ORACLE, type TcpSeqOracle } from '../../../electron/engine/protocols/tcp.js';
import { tcpFlagString } from '../../../electron/engine/protocols/tcp-flags.js';
import { ACK, CONVERSATION, CONVERSATION_LINES, GET, RESPONSE, SYN, SYN_ACK } from './tcp-conversation.support.js';
import { REGISTRY, concat, cutEverywhere, dissect, expectSound, expectTcpdumpCuts, hex, line } from './link-transport.support.js';

// tcpdump-suite/tcp_rst_data.pcap frame 1 (tcpdump -n -XX -v):
// 22:03:19.190965 IP (tos 0x20, ttl 243, id 8243, offset 0, flags [DF], proto TCP (6), length 98)
//     199.204.31.89.80 > 172.16.133.41.52875: Flags [R.], cksum 0x8471 (correct), seq 1617159969:1617160027, ack 1936660873, win 5785, length 58 [RST+ BIG-IP: [0x11c5672:3045] {peer]
//   0x0000:  0021 7067 6f50 0090 7f3e 02d0 0800 4520  .!pgoP...>....E.
//   0x0010:  0062 2033 4000 f306 4ee3 c7cc 1f59 ac10  .b.3@...N....Y..
//   0x0020:  8529 0050 ce8b 6063 e721 736f 1989 5014  .).P..`c.!so..P.
//   0x0030:  1699 8471 0000 4249 472d 4950 3a20 5b30  ...q..BIG-IP:.[0
//   0x0040:  7831 3163 3536 3732 3a33 3034 355d 207b  x11c5672:3045].{
//   0x0050:  7065 6572 7d20 5443 5020 5253 5420 6672  peer}.TCP.RST.fr
//   0x0060:  6f6d 2072 656d 6f74 6520 7379 7374 656d  om.remote.system
const RST_DATA = hex(
  '002170676f5000907f3e02d008004520006220334000f3064ee3c7cc1f59ac10' +
  '85290050ce8b6063e721736f198950141699847100004249472d49503a205b30' +
  '78313163353637323a333034355d207b706565727d2054435020525354206672' +
  '6f6d2072656d6f74652073797374656d',
);
// tcpdump-suite/tcp_rst_data-trunc.pcap: the same frame, 111 of its 112 bytes captured.
const RST_DATA_TRUNC = RST_DATA.subarray(0, 111);
// tcpdump-suite/accecn_handshake.pcap frame 1 (tcpdump -n -XX -v):
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
// tcpdump-suite/accecn_handshake.pcap frame 2 (tcpdump -n -XX -v):
// 06:26:08.016156 IP (tos 0x0, ttl 54, id 0, offset 0, flags [DF], proto TCP (6), length 72)
//     66.228.43.12.80 > 31.133.146.248.16433: Flags [S.W], cksum 0x22a8 (correct), seq 2972234643, ack 1948076590, win 65160, options [mss 1460,sackOK,TS val 2783239876 ecr 112147477,exp-acc0,wscale 7], length 0
//   0x0000:  000c 29f7 8012 18fd 7407 45cd 0800 4500  ..).....t.E...E.
//   0x0010:  0048 0000 4000 3606 2443 42e4 2b0c 1f85  .H..@.6.$CB.+...
//   0x0020:  92f8 0050 4031 b128 b393 741d 4a2e d092  ...P@1.(..t.J...
//   0x0030:  fe88 22a8 0000 0204 05b4 0402 080a a5e4  ..".............
//   0x0040:  dec4 06af 3c15 fe0d acc0 0000 0100 0000  ....<...........
//   0x0050:  0000 0003 0307                           ......
const ACCECN_SYNACK = hex(
  '000c29f7801218fd740745cd080045000048000040003606244342e42b0c1f85' +
  '92f800504031b128b393741d4a2ed092fe8822a80000020405b40402080aa5e4' +
  'dec406af3c15fe0dacc0000001000000000000030307',
);
// tcpdump-suite/heapoverflow-tcp_print.pcap frame 1, 64 of 262144 bytes (tcpdump -n -XX -v):
// 05:27:12.1010580 IP (tos 0x30, ttl 48, id 12336, offset 0, flags [DF], proto TCP (6), length 12336, bad cksum 3030 (->29a8)!)
//     48.48.48.48.12336 > 48.48.48.48.12336: Flags [.U], seq 808464432:808476688, ack 808464432, win 12336, urg 12336, options [unknown-48 0x3030303030303030 [|tcp]
//   0x0000:  3030 3030 3030 3030 3030 3030 0800 4530  000000000000..E0
//   0x0010:  3030 3030 4000 3006 3030 3030 3030 3030  0000@.0.00000000
//   0x0020:  3030 3030 3030 3030 3030 3030 3030 fd30  00000000000000.0
//   0x0030:  3030 3030 3030 3030 2830 3030 3030 3030  00000000(0000000
const HEAP_OVERFLOW = hex(
  '3030303030303030303030300800453030303030400030063030303030303030' +
  '3030303030303030303030303030fd3030303030303030283030303030303030',
);
const OVERFLOW_WIRE = 262144;

/** ACK (curl frame 5) with the TCP flags byte and urgent pointer replaced; checksums are not printed at -n. */
function withFlags(flags: number, urg = 0): Uint8Array {
  const f = new Uint8Array(ACK);
  f[47] = flags;
  f[52] = urg >> 8;
  f[53] = urg & 0xff;
  return f;
}
/** ACK with its data-offset nibble set to `words`. */
function withDataOffset(words: number): Uint8Array {
  const f = new Uint8Array(ACK);
  f[46] = (words << 4) | (f[46]! & 15);
  return f;
}
/** Both ports 80: tcpdump orders the seq table key by address then. */
const SAME_PORT = (() => {
  const f = new Uint8Array(SYN_ACK);
  f[36] = 0;
  f[37] = 80;
  return f;
})();

function series(frames: readonly Uint8Array[], opts: Partial<PrintOptions> = {}): string[] {
  const fd = new FrameDissector(REGISTRY, { ...DEFAULT_PRINT_OPTIONS, ...opts });
  return frames.map((f, i) => fd.dissect(f, f.length, { number: i + 1, linktype: 1 }).line);
}

describe('TCP summary line over a conversation', () => {
  it('prints the curl exchange exactly as tcp-http-curl.pcap.tcpdump.txt, relative numbers included', () => {
    expect(series(CONVERSATION)).toEqual(CONVERSATION_LINES);
  });

  it('prints absolute numbers at -S and one-word segments at -q', () => {
    const abs = series(CONVERSATION, { absoluteSeq: true });
    expect(abs[2]).toBe('IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [.], ack 539270939, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length 0');
    expect(abs[3]).toBe(
      'IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [P.], seq 2752494995:2752495079, ack 539270939, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length 84: HTTP: GET /index.html HTTP/1.1',
    );
    expect(series(CONVERSATION, { qflag: true })).toEqual(
      CONVERSATION_LINES.map((l) => `${l.slice(0, l.indexOf(': '))}: tcp ${/length (\d+)/.exec(l)![1]}`),
    );
  });

  it('verifies checksums at -v and shows the sequence number of every segment at -vv', () => {
    const v = series(CONVERSATION, { verbose: 1 });
    expect(v[2]).toBe(
      'IP (tos 0x0, ttl 64, id 43210, offset 0, flags [DF], proto TCP (6), length 52)\n    192.0.2.10.56368 > 192.0.2.20.80: Flags [.], cksum 0xb5e6 (correct), ack 1, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length 0',
    );
    const vv = series(CONVERSATION, { verbose: 2 });
    expect(vv[2]!.split('\n')[1]).toBe('    192.0.2.10.56368 > 192.0.2.20.80: Flags [.], cksum 0xb5e6 (correct), seq 1, ack 1, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length 0');
    const bad = new Uint8Array(ACK);
    bad[51] = bad[51]! ^ 0xff;
    expect(line(bad, { verbose: 1 }).split('\n')[1]).toBe(
      '    192.0.2.10.56368 > 192.0.2.20.80: Flags [.], cksum 0xb519 (incorrect -> 0xb5e6), ack 539270939, win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length 0',
    );
  });

  it('matches tcpdump over the whole conversation at -S, -q, -v and -vv', () => {
    for (const flags of [['-S'], ['-q'], ['-v'], ['-vv']]) expectTcpdumpCuts('tcp-conversation', 1, CONVERSATION, flags, 0);
  });

  it('keys the relative-number table by address when both ports are equal', () => {
    expect(series([SAME_PORT, SAME_PORT])).toEqual([
      'IP 192.0.2.20.80 > 192.0.2.10.80: Flags [S.], seq 539270938, ack 2752494995, win 65160, options [mss 1460,sackOK,TS val 1889901013 ecr 4189141736,nop,wscale 10], length 0',
      'IP 192.0.2.20.80 > 192.0.2.10.80: Flags [S.], seq 539270938, ack 2752494995, win 65160, options [mss 1460,sackOK,TS val 1889901013 ecr 4189141736,nop,wscale 10], length 0',
    ]);
    expect(series([SYN_ACK, ACK, SAME_PORT, ACK])[3]).toBe(CONVERSATION_LINES[2]);
  });

  it('asks an installed sequence oracle first (random access to relative numbers)', () => {
    const fd = new FrameDissector(REGISTRY, DEFAULT_PRINT_OPTIONS);
    const asked: number[] = [];
    const oracle: TcpSeqOracle = {
      entry: (_v, a, b, pa, pb, frame) => {
        asked.push(frame);
        // The key is ordered by port (the higher one second), so the entry is the server's view.
        expect([a, b, pa, pb]).toEqual(['192.0.2.20', '192.0.2.10', 80, 56368]);
        return { seq: 539270938, ack: 2752494994, fresh: false };
      },
    };
    fd.setState(TCP_SEQ_ORACLE, oracle);
    expect(fd.dissect(GET, GET.length, { number: 6, linktype: 1 }).line).toBe(CONVERSATION_LINES[3]);
    expect(asked).toEqual([6]);
  });
});

describe('TCP flags, urgent data, RST payloads and header lengths', () => {
  it('spells the flags in tcpdump order', () => {
    expect(tcpFlagString(0)).toBe('none');
    expect(tcpFlagString(0x02)).toBe('S');
    expect(tcpFlagString(0x12)).toBe('S.');
    expect(tcpFlagString(0x18)).toBe('P.');
    expect(tcpFlagString(0x11)).toBe('F.');
    expect(tcpFlagString(0x14)).toBe('R.');
    expect(tcpFlagString(0xff)).toBe('FSRP.UEW');
    expect(line(withFlags(0x30, 7))).toBe('IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [.U], ack 539270939, win 63, urg 7, options [nop,nop,TS val 4189141736 ecr 1889901013], length 0');
    expect(line(withFlags(0x00))).toBe('IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [none], win 63, options [nop,nop,TS val 4189141736 ecr 1889901013], length 0');
  });

  it('prints the AccECN handshake flags (tcpdump-suite accecn_handshake, -v)', () => {
    expect(line(ACCECN_SYN, { verbose: 1 }).split('\n')[1]).toBe(
      '    31.133.146.248.16433 > 66.228.43.12.80: Flags [SEW], cksum 0x209c (incorrect -> 0xe443), seq 1948076589, win 65535, options [mss 1460,nop,wscale 6,sackOK,TS val 112147477 ecr 0], length 0',
    );
    expect(series([ACCECN_SYN, ACCECN_SYNACK], { verbose: 1 })[1]!.split('\n')[1]).toBe(
      '    66.228.43.12.80 > 31.133.146.248.16433: Flags [S.W], cksum 0x22a8 (correct), seq 2972234643, ack 1948076590, win 65160, options [mss 1460,sackOK,TS val 2783239876 ecr 112147477,exp-acc0,wscale 7], length 0',
    );
  });

  it('prints RST payload text at -v, with [!RST when the capture cut it (tcp_rst_data*)', () => {
    expect(line(RST_DATA)).toBe('IP 199.204.31.89.80 > 172.16.133.41.52875: Flags [R.], seq 1617159969:1617160027, ack 1936660873, win 5785, length 58: HTTP');
    expect(line(RST_DATA, { verbose: 1 }).split('\n')[1]).toBe(
      '    199.204.31.89.80 > 172.16.133.41.52875: Flags [R.], cksum 0x8471 (correct), seq 1617159969:1617160027, ack 1936660873, win 5785, length 58 [RST+ BIG-IP: [0x11c5672:3045] {peer]',
    );
    expect(line(RST_DATA_TRUNC, { verbose: 1, wirelen: 112 }).split('\n')[1]).toBe(
      '    199.204.31.89.80 > 172.16.133.41.52875: Flags [R.], seq 1617159969:1617160027, ack 1936660873, win 5785, length 58 [!RST+ BIG-IP: [0x11c5672:3045] {peer]',
    );
  });

  it('prints fn_print_char forms for control and high-bit bytes', () => {
    expect([0x41, 0x0a, 0x00, 0x7f, 0xc1, 0x80].map(printableChar)).toEqual(['A', '^J', '^@', '^?', 'M-A', 'M-^@']);
  });

  it('reports header lengths below 20 and beyond the segment as malformed', () => {
    const short = dissect(withDataOffset(4));
    expect(short.line).toBe('IP 192.0.2.10.56368 > 192.0.2.20.80:  tcp 16 [bad hdr length 16 - too short, < 20]');
    expect(short.facts.malformed).toBe(true);
    const long = dissect(withDataOffset(15));
    expect(long.line).toBe('IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [.] [bad hdr length 60 - too long, > 32]');
    expect(long.facts.malformed).toBe(true);
    expect(line(withDataOffset(15), { qflag: true })).toBe('IP 192.0.2.10.56368 > 192.0.2.20.80: tcp -28 [bad hdr length 60 - too long, > 32]');
  });

  it('prints the tcpdump-suite crash reproducer as tcpdump 4.99.3 does', () => {
    expect(line(HEAP_OVERFLOW, { verbose: 1, wirelen: OVERFLOW_WIRE })).toBe(
      'IP (tos 0x30, ttl 48, id 12336, offset 0, flags [DF], proto TCP (6), length 12336, bad cksum 3030 (->29a8)!)\n    48.48.48.48.12336 > 48.48.48.48.12336: Flags [.U], seq 808464432:808476688, ack 808464432, win 12336, urg 12336, options [unknown-48 0x3030303030303030 [|tcp]',
    );
  });
});

describe('TcpFacts for the flow analysis', () => {
  it('carries the raw header fields and the options of a SYN', () => {
    const r = dissect(SYN);
    expect(r.facts.protocol).toBe('TCP');
    expect([r.facts.sport, r.facts.dport]).toEqual([56368, 80]);
    expect(r.facts.tcp).toEqual({
      seq: 2752494994,
      ack: 0,
      flags: 0x02,
      window: 64240,
      headerLength: 40,
      payloadLength: 0,
      offset: 34,
      mss: 1460,
      sackPermitted: true,
      tsVal: 4189141736,
      tsEcr: 0,
      wscale: 10,
    });
  });

  it('keeps absolute numbers whatever the summary prints, and the payload length', () => {
    const [, , , get] = CONVERSATION.map((f) => dissect(f));
    expect(get!.facts.tcp).toMatchObject({ seq: 2752494995, ack: 539270939, flags: 0x18, window: 63, headerLength: 32, payloadLength: 84, tsVal: 4189141736, tsEcr: 1889901013 });
    expect(get!.facts.protocol).toBe('HTTP');
    expect(get!.facts.layers).toEqual(['ether', 'ip', 'tcp', 'http']);
    expect(dissect(RESPONSE).facts.tcp?.payloadLength).toBe(293);
  });

  it('records facts even when the options run past the capture', () => {
    const r = dissect(SYN.subarray(0, 60), { wirelen: SYN.length });
    expect(r.line).toBe('IP 192.0.2.10.56368 > 192.0.2.20.80: Flags [S], seq 2752494994, win 64240, options [mss 1460,sackOK, [|tcp]');
    expect(r.facts.tcp).toMatchObject({ seq: 2752494994, flags: 2, headerLength: 40 });
    expect(r.facts.truncated).toBe(true);
  });
});

describe('TCP segments cut at every length', () => {
  it('never fail and keep the tree inside the captured bytes', () => {
    for (const f of [...CONVERSATION.slice(0, 5), RST_DATA, ACCECN_SYN, ACCECN_SYNACK, withDataOffset(4), withDataOffset(15), withFlags(0x30, 7)]) cutEverywhere(f);
    cutEverywhere(RESPONSE.subarray(0, 120), { wirelen: RESPONSE.length });
    cutEverywhere(HEAP_OVERFLOW, { wirelen: OVERFLOW_WIRE });
  });

  it('print what tcpdump prints for each truncation, at -n, -v and -S', () => {
    const frames = [...CONVERSATION, RST_DATA, ACCECN_SYN, ACCECN_SYNACK, withDataOffset(4), withDataOffset(15), withFlags(0x30, 7)];
    expectTcpdumpCuts('tcp', 1, frames, [], 110);
    expectTcpdumpCuts('tcp', 1, frames, ['-v'], 110);
    expectTcpdumpCuts('tcp', 1, CONVERSATION.slice(0, 4), ['-S'], 90);
  });
});

describe('random bytes behind a valid IPv4 header (protocol 6)', () => {
  const ipHeader = (len: number): Uint8Array => {
    const f = new Uint8Array(SYN.subarray(0, 34));
    f[16] = (20 + len) >> 8;
    f[17] = (20 + len) & 0xff;
    return f;
  };
  it('never fail and never disagree between the tree and the plain path', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (seg, verbose, absoluteSeq) => {
        const frame = concat(ipHeader(seg.length), seg);
        expectSound(frame, { verbose, absoluteSeq });
        expectSound(frame, { verbose, qflag: true });
      }),
      { numRuns: 400 },
    );
  });

  it('never fail with a sane header and random ports, flags and payload', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), fc.constantFrom(21, 22, 25, 43, 53, 80, 554, 8080, 8554, 1), fc.integer({ min: 0, max: 0xff }), fc.uint8Array({ maxLength: 60 }), fc.integer({ min: 0, max: 2 }),
        (sport, dport, flags, payload, verbose) => {
          const tcpHdr = concat(new Uint8Array([sport >> 8, sport & 0xff, dport >> 8, dport & 0xff]), hex('0000000100000002'), new Uint8Array([0x50, flags]), hex('ffff00000000'));
          const frame = concat(ipHeader(20 + payload.length), tcpHdr, payload);
          expectSound(frame, { verbose });
        }),
      { numRuns: 400 },
    );
  });
});
