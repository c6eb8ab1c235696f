// TCP options as fields: their declarations, their detail-tree nodes (Wireshark's
// packet-tcp.c names) and what the index mode keeps of them for the analysis (MSS, window
// scale, SACK, timestamps). tcp-options.ts prints them as tcpdump does. Not a dissector.
import { be16, be32 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import { fieldLabel, type FieldDecl } from '../dissect/field-decl.js';
import type { IndexContext } from '../dissect/index-context.js';

const TCPOPT_EOL = 0;
const TCPOPT_NOP = 1;
const TCPOPT_MSS = 2;
const TCPOPT_WSCALE = 3;
const TCPOPT_SACK_PERMITTED = 4;
const TCPOPT_SACK = 5;
const TCPOPT_TIMESTAMP = 8;
const TCPOPT_MPTCP = 30;
const TCPOPT_TFO = 34;

/** Wireshark's names of option kinds (tcp.option_kind). */
const KIND_NAMES: Readonly<Record<number, string>> = {
  [TCPOPT_EOL]: 'End of Option List',
  [TCPOPT_NOP]: 'No-Operation',
  [TCPOPT_MSS]: 'Maximum Segment Size',
  [TCPOPT_WSCALE]: 'Window Scale',
  [TCPOPT_SACK_PERMITTED]: 'SACK Permitted',
  [TCPOPT_SACK]: 'SACK',
  [TCPOPT_TIMESTAMP]: 'Time Stamp Option',
  19: 'MD5 Signature Option',
  28: 'User Timeout Option',
  29: 'The TCP Authentication Option',
  30: 'Multipath TCP',
  [TCPOPT_TFO]: 'TCP Fast Open Cookie',
};

const OPTIONS: FieldDecl = { abbrev: 'tcp.options', name: 'TCP Options', type: 'bytes' };
const KIND: FieldDecl = { abbrev: 'tcp.option_kind', name: 'Kind', type: 'uint', base: 'dec', strings: KIND_NAMES };
const LEN: FieldDecl = { abbrev: 'tcp.option_len', name: 'Length', type: 'uint', base: 'dec' };

/** One subtree per option kind we name; any other kind is `tcp.options.unknown`. */
const OPTION_NODES = new Map<number, FieldDecl>([
  [TCPOPT_EOL, { abbrev: 'tcp.options.eol', name: 'TCP Option - End of Option List (EOL)', type: 'none' }],
  [TCPOPT_NOP, { abbrev: 'tcp.options.nop', name: 'TCP Option - No-Operation (NOP)', type: 'none' }],
  [TCPOPT_MSS, { abbrev: 'tcp.options.mss', name: 'TCP Option - Maximum segment size', type: 'none' }],
  [TCPOPT_WSCALE, { abbrev: 'tcp.options.wscale', name: 'TCP Option - Window scale', type: 'none' }],
  [TCPOPT_SACK_PERMITTED, { abbrev: 'tcp.options.sack_perm', name: 'TCP Option - SACK permitted', type: 'none' }],
  [TCPOPT_SACK, { abbrev: 'tcp.options.sack', name: 'TCP Option - SACK', type: 'none' }],
  [TCPOPT_TIMESTAMP, { abbrev: 'tcp.options.timestamp', name: 'TCP Option - Timestamps', type: 'none' }],
  [TCPOPT_TFO, { abbrev: 'tcp.options.tfo', name: 'TCP Option - TCP Fast Open', type: 'none' }],
]);
const UNKNOWN: FieldDecl = { abbrev: 'tcp.options.unknown', name: 'TCP Option - Unknown', type: 'none' };

/** Multipath TCP (RFC 8684 3): Wireshark shows the option as a protocol of its own. */
const MPTCP: FieldDecl = { abbrev: 'mptcp', name: 'Multipath Transmission Control Protocol', type: 'protocol' };
const MPTCP_SUBTYPE: FieldDecl = {
  abbrev: 'tcp.options.mptcp.subtype',
  name: 'Multipath TCP subtype',
  type: 'uint',
  base: 'dec',
  bitmask: 0xf0,
  strings: {
    0: 'Multipath Capable',
    1: 'Join Connection',
    2: 'Data Sequence Signal',
    3: 'Add Address',
    4: 'Remove Address',
    5: 'Change Subflow Priority',
    6: 'TCP Fallback',
    7: 'Fast Close',
    8: 'TCP Reset',
  },
  indexed: true,
};

export const TCP_OPTION_FIELDS: readonly FieldDecl[] = [OPTIONS, KIND, LEN, ...OPTION_NODES.values(), UNKNOWN, MPTCP, MPTCP_SUBTYPE];

/** The `tcp.options` subtree over the `len` captured option bytes at `cp`. */
export function addTcpOptionTree(ctx: DissectContext, cp: number, len: number): void {
  const t = ctx.tree!;
  const d = ctx.frame.data;
  const end = cp + len;
  t.open(OPTIONS.abbrev, `Options: (${len} bytes)`, cp, len);
  while (cp < end) {
    const kind = d[cp]!;
    const olen = kind <= TCPOPT_NOP ? 1 : cp + 1 < end ? d[cp + 1]! : 0;
    // An option past EOL/NOP holds its kind and length at least (Wireshark: "bogus length");
    // the index mode stops at the same place, so tree and index agree on what follows.
    if ((kind > TCPOPT_NOP && olen < 2) || cp + olen > end) {
      t.add('_ws.malformed', 'Malformed option', cp, end - cp);
      break;
    }
    if (kind === TCPOPT_MPTCP) {
      addMptcpTree(ctx, cp, olen);
      cp += olen;
      continue;
    }
    const decl = OPTION_NODES.get(kind) ?? UNKNOWN;
    let label = decl === UNKNOWN ? `TCP Option - Unknown option (kind ${kind})` : decl.name;
    if (kind === TCPOPT_MSS && olen === 4) label += `: ${be16(d, cp + 2)} bytes`;
    if (kind === TCPOPT_WSCALE && olen === 3) label += `: ${d[cp + 2]} (multiply by ${1 << Math.min(d[cp + 2]!, 14)})`;
    if (kind === TCPOPT_TIMESTAMP && olen === 10) label += `: TSval ${be32(d, cp + 2)}, TSecr ${be32(d, cp + 6)}`;
    t.open(decl.abbrev, label, cp, olen);
    t.add(KIND.abbrev, fieldLabel(KIND, kind), cp, 1, kind);
    if (olen > 1) t.add(LEN.abbrev, fieldLabel(LEN, olen), cp + 1, 1, olen);
    t.close();
    // Wireshark goes on after an EOL: the padding after it shows as more EOLs.
    cp += olen;
  }
  t.close();
}

/** The MPTCP option's subtree: kind, length and, when the option holds it, the subtype. */
function addMptcpTree(ctx: DissectContext, cp: number, olen: number): void {
  const t = ctx.tree!;
  const d = ctx.frame.data;
  const subtype = olen >= 3 ? d[cp + 2]! >> 4 : undefined;
  const named = subtype === undefined ? undefined : MPTCP_SUBTYPE.strings![subtype];
  t.open(MPTCP.abbrev, named ? `${MPTCP.name}: ${named}` : MPTCP.name, cp, olen);
  t.field(KIND, cp, 1, TCPOPT_MPTCP);
  t.field(LEN, cp + 1, 1, olen);
  if (subtype !== undefined) t.field(MPTCP_SUBTYPE, cp + 2, 1, subtype);
  t.close();
}

/** Index mode: the options the analysis needs, in [p, end) (captured: checked by the caller). */
export function indexTcpOptions(ctx: IndexContext, p: number, end: number): void {
  const d = ctx.data;
  const ix = ctx.index;
  while (p < end) {
    const kind = d[p]!;
    if (kind === TCPOPT_EOL) return;
    if (kind === TCPOPT_NOP) {
      p++;
      continue;
    }
    if (p + 1 >= end) return;
    const len = d[p + 1]!;
    if (len < 2 || p + len > end) return;
    if (kind === TCPOPT_MSS && len === 4) ix.mss = be16(ctx.data, p + 2);
    else if (kind === TCPOPT_WSCALE && len === 3) ix.wscale = d[p + 2]!;
    else if (kind === TCPOPT_SACK_PERMITTED) ix.sackPermitted = true;
    else if (kind === TCPOPT_TIMESTAMP && len === 10) {
      ix.tsVal = be32(ctx.data, p + 2);
      ix.tsEcr = be32(ctx.data, p + 6);
    } else if (kind === TCPOPT_SACK && len >= 10) {
      ix.sackBlocks = (len - 2) >> 3;
      // Wireshark stores at most three blocks for its bytes-in-flight (MAX_TCP_SACK_RANGES - 1).
      let sum = 0;
      for (let b = 0; b < Math.min(ix.sackBlocks, 3); b++) sum = (sum + be32(ctx.data, p + 6 + 8 * b) - be32(ctx.data, p + 2 + 8 * b)) >>> 0;
      ix.sackDelivered = sum;
    }
    else if (kind === TCPOPT_MPTCP && len >= 3) ix.put(MPTCP_SUBTYPE, d[p + 2]! >> 4);
    p += len;
  }
}
