// The TCP header's fields (tcp.srcport, tcp.window_size_value, ...) and its detail-tree
// nodes with Wireshark's names; the flag bits are in tcp-flags.ts, the options in
// tcp-option-fields.ts. Not a dissector: tcp.ts calls these.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { FieldDecl } from '../dissect/field-decl.js';
import { TCP_FLAG_FIELDS, TH_AE, TH_CWR } from './tcp-flags.js';
import { addTcpOptionTree } from './tcp-option-fields.js';

export const TCP_FIELDS: readonly FieldDecl[] = [
  { abbrev: 'tcp', name: 'Transmission Control Protocol', type: 'protocol', indexed: true },
  { abbrev: 'tcp.srcport', name: 'Source Port', type: 'uint', indexed: 'sport' },
  { abbrev: 'tcp.dstport', name: 'Destination Port', type: 'uint', indexed: 'dport' },
  { abbrev: 'tcp.port', name: 'Source or Destination Port', type: 'uint', indexed: ['sport', 'dport'] },
  { abbrev: 'tcp.len', name: 'TCP Segment Len', type: 'uint', base: 'dec', indexed: 'payloadLength' },
  { abbrev: 'tcp.seq_raw', name: 'Sequence Number (raw)', type: 'uint', base: 'dec', indexed: 'seq' },
  { abbrev: 'tcp.ack_raw', name: 'Acknowledgment number (raw)', type: 'uint', base: 'dec', indexed: 'ack' },
  { abbrev: 'tcp.hdr_len', name: 'Header Length', type: 'uint', base: 'dec' },
  ...TCP_FLAG_FIELDS,
  { abbrev: 'tcp.flags.str', name: 'TCP Flags', type: 'string' },
  { abbrev: 'tcp.window_size_value', name: 'Window', type: 'uint', base: 'dec', indexed: 'window' },
  { abbrev: 'tcp.checksum', name: 'Checksum', type: 'uint', base: 'hex' },
  { abbrev: 'tcp.urgent_pointer', name: 'Urgent Pointer', type: 'uint', base: 'dec' },
  { abbrev: 'tcp.payload', name: 'TCP payload', type: 'bytes' },
];

/** The eight classic flag bits, in tree order, with their names: from the declarations. */
const FLAG_BITS: readonly (readonly [number, string, string])[] = TCP_FLAG_FIELDS.filter((d) => d.type === 'bool' && d.bitmask! <= TH_CWR).map((d) => [d.bitmask!, d.abbrev, d.name] as const);

function bitLabel(value: number, bit: number, width: number): string {
  let s = '';
  for (let b = width - 1; b >= 0; b--) {
    const m = 1 << b;
    s += m === bit ? (value & m ? '1' : '0') : '.';
    if (b % 4 === 0 && b) s += ' ';
  }
  return s;
}

/** tcp.flags.str: one letter per set bit of the 12 flag bits, a middle dot per clear one. */
export function flagsString(bits: number): string {
  const letters = 'RRRACEUAPRSF';
  let s = '';
  for (let i = 0; i < 12; i++) s += (bits >> (11 - i)) & 1 ? letters[i] : '\u00b7';
  return s;
}

export function addTcpTree(ctx: DissectContext, bp: number, hlen: number, length: number, sport: number, dport: number): void {
  const t = ctx.tree;
  if (!t) return;
  const f = ctx.frame;
  const seq = f.be32(bp + 4);
  const ack = f.be32(bp + 8);
  const flags = f.u8(bp + 13) | (f.u8(bp + 12) & 1 ? TH_AE : 0);
  const payload = Math.max(0, length - hlen);
  t.open('tcp', `Transmission Control Protocol, Src Port: ${sport}, Dst Port: ${dport}, Seq: ${seq}, Len: ${payload}`, bp, Math.min(hlen, f.left(bp)));
  t.add('tcp.srcport', `Source Port: ${sport}`, bp, 2, sport);
  t.add('tcp.dstport', `Destination Port: ${dport}`, bp + 2, 2, dport);
  t.add('tcp.port', `Source or Destination Port: ${sport}`, bp, 2, sport);
  t.add('tcp.port', `Source or Destination Port: ${dport}`, bp + 2, 2, dport);
  // A generated field: Wireshark places it at the start of the header with no bytes.
  t.add('tcp.len', `TCP Segment Len: ${payload}`, bp, 0, payload);
  t.add('tcp.seq_raw', `Sequence Number (raw): ${seq}`, bp + 4, 4, seq);
  t.add('tcp.ack_raw', `Acknowledgment number (raw): ${ack}`, bp + 8, 4, ack);
  t.add('tcp.hdr_len', `${(hlen / 4).toString(2).padStart(4, '0')} .... = Header Length: ${hlen} bytes (${hlen / 4})`, bp + 12, 1, hlen);
  t.open('tcp.flags', `Flags: 0x${flags.toString(16).padStart(3, '0')}`, bp + 12, 2, flags);
  // The two bits that live in the data-offset byte: reserved (3 bits) and AE (ex-NS, RFC 9768).
  const res = (f.u8(bp + 12) >> 1) & 7;
  t.add('tcp.flags.res', `${res.toString(2).padStart(3, '0')}. .... .... = Reserved: ${res ? 'Set' : 'Not set'}`, bp + 12, 1, res);
  t.add('tcp.flags.ae', `${bitLabel(flags, TH_AE, 12)} = Accurate ECN: ${flags & TH_AE ? 'Set' : 'Not set'}`, bp + 12, 1, (flags & TH_AE) !== 0);
  for (const [bit, field, name] of FLAG_BITS) {
    t.add(field, `${bitLabel(flags, bit, 12)} = ${name}: ${flags & bit ? 'Set' : 'Not set'}`, bp + 13, 1, (flags & bit) !== 0);
  }
  // Wireshark's generated one-letter summary of all twelve bits (reserved R R R, then AE..FIN).
  const letters = flagsString((f.u8(bp + 12) << 8) | f.u8(bp + 13));
  t.add('tcp.flags.str', `[TCP Flags: ${letters}]`, bp + 12, 2, letters);
  t.close();
  const win = f.be16(bp + 14);
  t.add('tcp.window_size_value', `Window: ${win}`, bp + 14, 2, win);
  const sum = f.be16(bp + 16);
  t.add('tcp.checksum', `Checksum: 0x${sum.toString(16).padStart(4, '0')} [unverified]`, bp + 16, 2, sum);
  t.add('tcp.urgent_pointer', `Urgent Pointer: ${f.be16(bp + 18)}`, bp + 18, 2, f.be16(bp + 18));
  if (hlen > 20) addTcpOptionTree(ctx, bp + 20, Math.min(hlen - 20, Math.max(0, f.left(bp + 20))));
  if (payload > 0) {
    // The bytes a capture kept: a snaplen-cut segment shows its captured part, marked truncated.
    const at = Math.min(bp + hlen, f.snapend);
    const shown = Math.min(payload, f.left(at));
    const node = t.add('tcp.payload', `TCP payload (${payload} bytes)`, at, shown);
    if (shown < payload) node.truncated = true;
  }
  t.close();
}
