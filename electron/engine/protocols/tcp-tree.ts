// The TCP detail-tree nodes with Wireshark's field names (tcp.srcport, tcp.flags.syn, ...).
import type { DissectContext } from '../dissect/dissect-context.js';

const FLAG_BITS: readonly [number, string, string][] = [
  [0x80, 'tcp.flags.cwr', 'Congestion Window Reduced'],
  [0x40, 'tcp.flags.ece', 'ECN-Echo'],
  [0x20, 'tcp.flags.urg', 'Urgent'],
  [0x10, 'tcp.flags.ack', 'Acknowledgment'],
  [0x08, 'tcp.flags.push', 'Push'],
  [0x04, 'tcp.flags.reset', 'Reset'],
  [0x02, 'tcp.flags.syn', 'Syn'],
  [0x01, 'tcp.flags.fin', 'Fin'],
];

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
  const flags = f.u8(bp + 13) | ((f.u8(bp + 12) & 1) << 8);
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
  t.add('tcp.flags.ae', `${bitLabel(flags, 0x100, 12)} = Accurate ECN: ${flags & 0x100 ? 'Set' : 'Not set'}`, bp + 12, 1, (flags & 0x100) !== 0);
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
  if (hlen > 20) addOptionNodes(ctx, bp + 20, Math.min(hlen - 20, Math.max(0, f.left(bp + 20))));
  if (payload > 0) {
    // The bytes a capture kept: a snaplen-cut segment shows its captured part, marked truncated.
    const at = Math.min(bp + hlen, f.snapend);
    const shown = Math.min(payload, f.left(at));
    const node = t.add('tcp.payload', `TCP payload (${payload} bytes)`, at, shown);
    if (shown < payload) node.truncated = true;
  }
  t.close();
}

const OPTION_FIELDS = new Map<number, [string, string]>([
  [0, ['tcp.options.eol', 'End of Option List (EOL)']],
  [1, ['tcp.options.nop', 'No-Operation (NOP)']],
  [2, ['tcp.options.mss', 'Maximum segment size']],
  [3, ['tcp.options.wscale', 'Window scale']],
  [4, ['tcp.options.sack_perm', 'SACK permitted']],
  [5, ['tcp.options.sack', 'SACK']],
  [8, ['tcp.options.timestamp', 'Timestamps']],
  [34, ['tcp.options.tfo', 'TCP Fast Open']],
]);

function addOptionNodes(ctx: DissectContext, cp: number, len: number): void {
  const t = ctx.tree!;
  const d = ctx.frame.data;
  const end = cp + len;
  t.open('tcp.options', `Options: (${len} bytes)`, cp, len);
  while (cp < end) {
    const kind = d[cp]!;
    const olen = kind <= 1 ? 1 : cp + 1 < end ? d[cp + 1]! : 1;
    if (olen < 1 || cp + olen > end) {
      t.add('_ws.malformed', 'Malformed option', cp, end - cp);
      break;
    }
    const [field, name] = OPTION_FIELDS.get(kind) ?? ['tcp.options.unknown', `Unknown option (kind ${kind})`];
    let label = `TCP Option - ${name}`;
    if (kind === 2 && olen === 4) label += `: ${(d[cp + 2]! << 8) | d[cp + 3]!} bytes`;
    if (kind === 3 && olen === 3) label += `: ${d[cp + 2]} (multiply by ${1 << Math.min(d[cp + 2]!, 14)})`;
    if (kind === 8 && olen === 10) {
      const v = ((d[cp + 2]! << 24) | (d[cp + 3]! << 16) | (d[cp + 4]! << 8) | d[cp + 5]!) >>> 0;
      const e = ((d[cp + 6]! << 24) | (d[cp + 7]! << 16) | (d[cp + 8]! << 8) | d[cp + 9]!) >>> 0;
      label += `: TSval ${v}, TSecr ${e}`;
    }
    // Each option holds its kind (and length) as Wireshark's tcp.option_kind / tcp.option_len.
    t.open(field, label, cp, olen);
    t.add('tcp.option_kind', `Kind: ${name} (${kind})`, cp, 1, kind);
    if (kind > 1 && olen >= 2) t.add('tcp.option_len', `Length: ${olen}`, cp + 1, 1, olen);
    t.close();
    if (kind === 0) break;
    cp += olen;
  }
  t.close();
}
