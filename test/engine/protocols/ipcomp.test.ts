// IP Payload Compression (print-ipcomp.c): tcpdump prints the CPI only. The one IPComp packet
// of the corpus (a fuzzed TCP segment whose protocol byte became 108), its tree node, and
// every truncation vs tcpdump.
import { describe, expect, it } from 'vitest';
import { concat, cutEverywhere, dissect, expectField, expectSound, expectTcpdumpCuts, hex, line, tree } from './link-transport.support.js';

// malformed/fuzzed/tcp-packet-loss.fuzz002.pcap frame 949 (tcpdump -n -XX -v):
// 05:30:27.780092 IP (tos 0x0, ttl 64, id 13752, offset 0, flags [DF], proto Compressed IP (108), length 52, bad cksum 80ed (->8087)!)
//     192.0.2.20 > 192.0.2.10: IPComp(cpi=0xccc6)
//   0x0000:  0200 000a 0010 0200 000a 0020 0800 4500  ..............E.
//   0x0010:  0034 35b8 4000 406c 80ed c000 0214 c000  .45.@.@l........
//   0x0020:  020a b799 ccc6 dc66 c578 74f4 6c49 8010  .......f.xt.lI..
//   0x0030:  0499 920d 0000 0101 080a 906d 4122 17da  ...........mA"..
//   0x0040:  6a90                                     j.
const IPCOMP = hex(
  '0200000a00100200000a002008004500003435b84000406c80edc0000214c000' +
  '020ab799ccc6dc66c57874f46c4980100499920d00000101080a906d412217da' +
  '6a90',
);

describe('IPComp', () => {
  it('prints the CPI after the addresses, at -n and -v', () => {
    expect(line(IPCOMP)).toBe('IP 192.0.2.20 > 192.0.2.10: IPComp(cpi=0xccc6)');
    expect(line(IPCOMP, { verbose: 1 })).toBe(
      'IP (tos 0x0, ttl 64, id 13752, offset 0, flags [DF], proto Compressed IP (108), length 52, bad cksum 80ed (->8087)!)\n    192.0.2.20 > 192.0.2.10: IPComp(cpi=0xccc6)',
    );
  });

  it('says [|ipcomp] when the CPI is cut', () => {
    for (const n of [34, 35, 36, 37]) expect(line(IPCOMP.subarray(0, n), { wirelen: IPCOMP.length })).toBe('IP 192.0.2.20 > 192.0.2.10:  [|ipcomp]');
    expect(line(IPCOMP.subarray(0, 38), { wirelen: IPCOMP.length })).toBe('IP 192.0.2.20 > 192.0.2.10: IPComp(cpi=0xccc6)');
  });

  it('sets the protocol column and an ipcomp.cpi node on its bytes', () => {
    const r = dissect(IPCOMP);
    expect([r.facts.protocol, r.facts.src, r.facts.dst]).toEqual(['IPComp', '192.0.2.20', '192.0.2.10']);
    expect(r.facts.layers).toEqual(['ether', 'ip', 'ipcomp']);
    expect(expectField(tree(IPCOMP), 'ipcomp.cpi', 36, 2, 0xccc6).label).toBe('IPComp CPI: 0xccc6');
  });

  it('never fails when cut or followed by random bytes, and matches tcpdump at every cut', () => {
    cutEverywhere(IPCOMP);
    expectTcpdumpCuts('ipcomp', 1, [IPCOMP]);
    expectTcpdumpCuts('ipcomp', 1, [IPCOMP], ['-v']);
    for (let i = 0; i < 50; i++) expectSound(concat(IPCOMP.subarray(0, 34), new Uint8Array(i).map((_, j) => (j * 37 + i) & 0xff)));
  });
});
