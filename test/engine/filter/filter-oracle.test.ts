// Every filter of oracle-cases.ts against tshark 4.0 on the shared captures: the same
// frames must match. Also checks the fast path never contradicts the tree where it answers.
import { afterAll, describe, expect, test } from 'vitest';
import { capturePath, haveCaptures } from '../../support/captures.js';
import { loadCapture, runFilter, type LoadedCapture } from './run-filter.js';
import { ORACLE_CASES } from './oracle-cases.js';
import { haveTshark, TsharkOracle } from './tshark-oracle.js';

/**
 * Where tshark and our decoders see different packets, with the reason. Keyed by
 * "capture<TAB>filter"; the value is the reason (these cases are skipped, not hidden:
 * the test fails if one of them starts to agree, so the list stays true).
 */
const REASSEMBLY = 'IP reassembly: tshark decodes a fragmented datagram on its last fragment, we decode the first fragment';
const ICMPV6_QUOTE = 'ICMPv6 errors: tshark decodes the quoted packet (IPv6/UDP/TCP fields), our icmpv6 dissector does not';
const TSO = 'IP total length 0 (TSO): tshark takes the frame length, our ip dissector prints tcpdump\'s "bad-len 0" and stops';
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'scenarios/tcp-syn-closed-port-rst.pcap\tudp': ICMPV6_QUOTE,
  'scenarios/tcp-syn-closed-port-rst.pcap\tudp.port == 81': ICMPV6_QUOTE,
  'scenarios/tcp-syn-closed-port-rst.pcap\tipv6.src == 2001:db8:a::10': ICMPV6_QUOTE,
  'scenarios/icmpv6-router-errors.pcap\tudp': ICMPV6_QUOTE,
  'scenarios/udp-exchange.pcap\tdata': 'undissected UDP payload: tshark adds a `data` protocol, our udp dissector adds no node',
  'scenarios/icmp-ping.pcap\ticmp': REASSEMBLY,
  'scenarios/icmp-ping.pcap\ticmp.type == 8': REASSEMBLY,
  'scenarios/icmp-ping.pcap\ticmp.type == 0': REASSEMBLY,
  'scenarios/icmp-ping.pcap\ticmp.seq == 1': REASSEMBLY,
  'scenarios/icmp-ping.pcap\ticmp.ident > 0': REASSEMBLY,
  'scenarios/icmp-ping.pcap\ticmp.type == 8 && ip.src == 192.0.2.10': REASSEMBLY,
  'scenarios/icmp-ping.pcap\ticmp.code == 0': REASSEMBLY,
  'scenarios/icmpv6-ping6.pcap\ticmpv6': REASSEMBLY,
  'scenarios/icmpv6-ping6.pcap\ticmpv6.type == 128': REASSEMBLY,
  'scenarios/icmpv6-ping6.pcap\ticmpv6.type == 129': REASSEMBLY,
  'scenarios/icmpv6-ping6.pcap\ticmpv6.echo.sequence_number == 1': REASSEMBLY,
  'tcpdump-suite/accecn_handshake.pcap\ttcp.flags.ece == 1': 'AccECN: Wireshark 4.0 shows the ACE counter instead of CWR/ECE once AccECN is negotiated',
  'tcpdump-suite/accecn_handshake.pcap\ttcp.flags.cwr == 1': 'AccECN: Wireshark 4.0 shows the ACE counter instead of CWR/ECE once AccECN is negotiated',
  'tcpdump-suite/ipv4_tcp_http_xml_tso.pcap\ttcp contains "xml"': TSO,
  'tcpdump-suite/ipv4_tcp_http_xml_tso.pcap\thttp': TSO,
};

/** Captures where the index (Wireshark-like) and our dissectors' trees legitimately differ. */
const INDEX_VS_TREE: Readonly<Record<string, string>> = {
  'tcpdump-suite/ipv4_tcp_http_xml_tso.pcap': TSO,
};

const oracle = new TsharkOracle();
afterAll(() => oracle.save());

const cases = Object.entries(ORACLE_CASES);
const total = cases.reduce((n, [, fs]) => n + fs.length, 0);

describe.skipIf(!haveTshark || !haveCaptures)(`display filters agree with tshark ${oracle.version} (${total} filters)`, () => {
  for (const [rel, filters] of cases) {
    describe(rel, () => {
      let cap: LoadedCapture | undefined;
      const load = (): LoadedCapture => (cap ??= loadCapture(capturePath(rel)));
      for (const filter of filters) {
        test(filter, () => {
          const want = oracle.frames(capturePath(rel), rel, filter);
          const known = KNOWN_DIFFERENCES[`${rel}\t${filter}`];
          if (want instanceof Error) throw new Error(`tshark rejects this filter: ${want.message}`);
          const got = runFilter(load(), filter);
          if (!INDEX_VS_TREE[rel]) expect(got.inconsistent, 'index answers that contradict the tree').toEqual([]);
          if (known) {
            expect(got.frames, `listed as a known difference (${known}) but now agrees: remove it from the list`).not.toEqual(want);
            return;
          }
          expect(got.frames.join(' ')).toBe(want.join(' '));
        });
      }
    });
  }
});
