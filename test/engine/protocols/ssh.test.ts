// SSH (print-ssh.c): tcpdump prints only the protocol version exchange line. The real banners
// of tcpdump-suite/ssh.pcap, banner variants on the same segment, the ssh.protocol node, and
// every truncation vs tcpdump.
import { describe, expect, it } from 'vitest';
import { cutEverywhere, dissect, expectField, expectSound, expectTcpdumpCuts, hex, line, tree } from './link-transport.support.js';
import { segment, segmentPrefix } from './text-frames.support.js';

// tcpdump-suite/ssh.pcap frame 4 (tcpdump -n -XX; the suite's line has relative numbers):
// 10:50:09.917574 IP 202.108.87.165.62146 > 223.132.53.222.22: Flags [P.], seq 4082233689:4082233710, ack 2455219015, win 4096, length 21: SSH: SSH-2.0-OpenSSH_7.8
//   0x0000:  d4ca 6d2e 7f67 8c85 903f 77dd 0800 4500  ..m..g...?w...E.
//   0x0010:  003d 0000 4000 4006 0347 ca6c 57a5 df84  .=..@.@..G.lW...
//   0x0020:  35de f2c2 0016 f351 f159 9257 ab47 5018  5......Q.Y.W.GP.
//   0x0030:  1000 8b76 0000 5353 482d 322e 302d 4f70  ...v..SSH-2.0-Op
//   0x0040:  656e 5353 485f 372e 380d 0a              enSSH_7.8..
const SSH_CLIENT = hex(
  'd4ca6d2e7f678c85903f77dd08004500003d0000400040060347ca6c57a5df84' +
  '35def2c20016f351f1599257ab47501810008b7600005353482d322e302d4f70' +
  '656e5353485f372e380d0a',
);
// tcpdump-suite/ssh.pcap frame 6 (tcpdump -n -XX), a banner ending in a bare LF:
// 10:50:09.945545 IP 223.132.53.222.22 > 202.108.87.165.62146: Flags [P.], seq 2455219015:2455219054, ack 4082233710, win 227, options [nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop], length 39: SSH: SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u3
//   0x0000:  8c85 903f 77dd d4ca 6d2e 7f67 0800 4548  ...?w...m..g..EH
//   0x0010:  005b e1f1 4000 3606 2aef df84 35de ca6c  .[..@.6.*...5..l
//   0x0020:  57a5 0016 f2c2 9257 ab47 f351 f16e 8018  W......W.G.Q.n..
//   0x0030:  00e3 956b 0000 0101 0101 0101 0101 0101  ...k............
//   0x0040:  0101 5353 482d 322e 302d 4f70 656e 5353  ..SSH-2.0-OpenSS
//   0x0050:  485f 372e 3470 3120 4465 6269 616e 2d31  H_7.4p1.Debian-1
//   0x0060:  302b 6465 6239 7533 0a                   0+deb9u3.
const SSH_SERVER = hex(
  '8c85903f77ddd4ca6d2e7f6708004548005be1f1400036062aefdf8435deca6c' +
  '57a50016f2c29257ab47f351f16e801800e3956b000001010101010101010101' +
  '01015353482d322e302d4f70656e5353485f372e3470312044656269616e2d31' +
  '302b6465623975330a',
);

const VARIANTS: readonly (readonly [string, string])[] = [
  ['SSH-1.99-dropbear\r\n', ': SSH: SSH-1.99-dropbear'],
  ['SSH-2.0-no-line-end', ''],
  ['SSH-2.0-cr\rx\n', ''],
  ['SSH-2.0-ctl\x01\r\n', ''],
  ['SSH-2.0-end-cr\r', ''],
  ['SSH-\r\n', ': SSH: SSH-'],
  ['ssh-2.0-lower\r\n', ''],
  ['\x00\x00\x05\xdc\x08\x14binary packet', ''],
];
const VARIANT_FRAMES = VARIANTS.map(([p]) => segment(40000, 22, p));

describe('SSH version line', () => {
  it('prints the banners of tcpdump-suite/ssh.pcap', () => {
    expect(line(SSH_CLIENT)).toBe(
      'IP 202.108.87.165.62146 > 223.132.53.222.22: Flags [P.], seq 4082233689:4082233710, ack 2455219015, win 4096, length 21: SSH: SSH-2.0-OpenSSH_7.8',
    );
    expect(line(SSH_SERVER)).toBe(
      'IP 223.132.53.222.22 > 202.108.87.165.62146: Flags [P.], seq 2455219015:2455219054, ack 4082233710, win 227, options [nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop,nop], length 39: SSH: SSH-2.0-OpenSSH_7.4p1 Debian-10+deb9u3',
    );
  });

  it.each(VARIANTS.map(([p, want], i) => [JSON.stringify(p), want, i] as const))('%s', (_p, want, i) => {
    const f = VARIANT_FRAMES[i]!;
    expect(line(f)).toBe(segmentPrefix(40000, 22, f.length - 66) + want);
  });

  it('sets the protocol column and an ssh.protocol node over the banner', () => {
    const r = dissect(SSH_CLIENT, { tree: true });
    expect(r.facts.protocol).toBe('SSH');
    expect(r.facts.layers).toEqual(['ether', 'ip', 'tcp', 'ssh']);
    expect(expectField(r.tree ?? [], 'ssh.protocol', 54, 19, 'SSH-2.0-OpenSSH_7.8').label).toBe('Protocol: SSH-2.0-OpenSSH_7.8');
    expectField(tree(SSH_SERVER), 'ssh.protocol', 66, 38);
  });
});

describe('SSH segments cut at every length', () => {
  it('never fail and keep the tree inside the captured bytes', () => {
    for (const f of [SSH_CLIENT, SSH_SERVER, ...VARIANT_FRAMES]) cutEverywhere(f);
  });

  it('print what tcpdump prints for each truncation and variant', () => {
    expectTcpdumpCuts('ssh', 1, [SSH_CLIENT, SSH_SERVER]);
    expectTcpdumpCuts('ssh-variants', 1, VARIANT_FRAMES, [], 0);
    for (const f of VARIANT_FRAMES) expectSound(f, { verbose: 1 });
  });
});
