// BOOTP (RFC 951, RFC 1542) and DHCP for IPv4 (RFC 2131, options RFC 2132 and later).
// Printing follows tcpdump 4.99.3's print-bootp.c bootp_print; the -v option listing
// is in bootp-options.ts, the detail tree in bootp-tree.ts.
import { be32 } from '../bytes/big-endian.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { IndexContext } from '../dissect/index-context.js';
import { ipv4String, macString } from '../format/addresses.js';
import { ndPrintztn } from '../format/nd-print.js';
import { printCmu, printRfc1048 } from './bootp-options.js';
import { TAG_DHCP_MESSAGE, TAG_END, TAG_PAD } from './bootp-tags.js';
import { BOOTP_FIELDS, BOOTP_FIXED_LEN, DHCP_PROTOCOL, addBootpTree, scanOptions } from './bootp-tree.js';

const BOOTPREQUEST = 1;
const BOOTPREPLY = 2;
const OFF_CHADDR = 28;
const OFF_SNAME = 44;
const OFF_FILE = 108;
const BOOTPS_PORT = 67;
const BOOTPC_PORT = 68;
const DHCP_MAGIC = 0x63825363;

const isBootpPort = (p: number): boolean => p === BOOTPS_PORT || p === BOOTPC_PORT;

/**
 * Index mode: op, xid, where chaddr is and the DHCP message type (option 53), within the
 * captured payload. A DHCP transaction runs between the two BOOTP ports, so a datagram with
 * only one of them is not indexed as one.
 */
function indexBootp(ctx: IndexContext, q: number, length: number): void {
  const ix = ctx.index;
  const end = Math.min(ctx.end, q + length);
  if (q + 44 > end) return;
  // Captured, so the tree mode dissects it too, and opens `dhcp` for any BOOTP datagram.
  ix.put(DHCP_PROTOCOL, 1);
  if (!isBootpPort(ix.sport) || !isBootpPort(ix.dport)) return;
  const op = ctx.data[q]!;
  if (op !== BOOTPREQUEST && op !== BOOTPREPLY) return;
  ix.dhcpOp = op;
  ix.dhcpXid = be32(ctx.data, q + 4);
  ix.dhcpChaddrOffset = q + OFF_CHADDR;
  if (q + BOOTP_FIXED_LEN + 4 > end || be32(ctx.data, q + BOOTP_FIXED_LEN) !== DHCP_MAGIC) return;
  // Options: bounded by `end`, every step moves forward.
  for (let o = q + BOOTP_FIXED_LEN + 4; o < end; ) {
    const code = ctx.data[o]!;
    if (code === TAG_END) return;
    if (code === TAG_PAD) {
      o++;
      continue;
    }
    if (o + 2 > end) return;
    const len = ctx.data[o + 1]!;
    if (code === TAG_DHCP_MESSAGE && len >= 1 && o + 3 <= end) {
      ix.dhcpMsgType = ctx.data[o + 2]!;
      return;
    }
    o += 2 + len;
  }
}

export const bootp: Dissector = {
  name: 'bootp',
  fields: BOOTP_FIELDS,
  index: indexBootp,
  dissect(ctx: DissectContext, bp: number, length: number): void {
    const f = ctx.frame;
    const op = f.u8(bp);
    const opts = scanOptions(f, bp + BOOTP_FIXED_LEN);
    const msg = opts.find((o) => o.tag === TAG_DHCP_MESSAGE && o.length === 1);
    const messageType = msg ? f.data[msg.offset + 2] : undefined;
    ctx.facts.protocol = msg ? 'DHCP' : 'BOOTP';
    if (f.has(bp + 4, 4)) {
      const clientMac = f.has(bp + OFF_CHADDR, 6) ? macString(f.data, bp + OFF_CHADDR) : '';
      ctx.facts.dhcp = { op, xid: f.be32(bp + 4), messageType, clientMac };
    }
    if (ctx.tree) addBootpTree(ctx, bp, opts, msg !== undefined);

    ctx.print(`BOOTP/DHCP, ${op === BOOTPREQUEST ? 'Request' : op === BOOTPREPLY ? 'Reply' : `unknown (0x${op.toString(16).padStart(2, '0')})`}`);
    const htype = f.u8(bp + 1);
    const hlen = f.u8(bp + 2);
    const ether = htype === 1 && hlen === 6;
    if (ether && op === BOOTPREQUEST) ctx.print(` from ${mac(ctx, bp + OFF_CHADDR)}`);
    ctx.print(`, length ${length}`);
    if (!ctx.opts.verbose) return;
    verbose(ctx, bp, htype, hlen, ether);
  },
};

function mac(ctx: DissectContext, o: number): string {
  ctx.frame.check(o, 6);
  return macString(ctx.frame.data, o);
}

/** The -v part: header fields worth printing, then the vendor area. */
function verbose(ctx: DissectContext, bp: number, htype: number, hlen: number, ether: boolean): void {
  const f = ctx.frame;
  f.check(bp + 8, 2);
  if (htype !== 1) ctx.print(`, htype ${htype}`);
  if (htype !== 1 || hlen !== 6) ctx.print(`, hlen ${hlen}`);
  const hops = f.u8(bp + 3);
  if (hops) ctx.print(`, hops ${hops}`);
  const xid = f.be32(bp + 4);
  if (xid) ctx.print(`, xid 0x${xid.toString(16)}`);
  const secs = f.be16(bp + 8);
  if (secs) ctx.print(`, secs ${secs}`);
  const flags = f.be16(bp + 10);
  ctx.print(`, Flags [${flags & 0x8000 ? 'Broadcast' : 'none'}]`);
  if (ctx.opts.verbose > 1) ctx.print(` (0x${flags.toString(16).padStart(4, '0')})`);

  const addrs: [number, string][] = [
    [12, 'Client-IP'],
    [16, 'Your-IP'],
    [20, 'Server-IP'],
    [24, 'Gateway-IP'],
  ];
  for (const [o, label] of addrs) {
    if (f.be32(bp + o) !== 0) ctx.print(`\n\t  ${label} ${ipv4String(f.data, bp + o)}`);
  }
  if (ether) ctx.print(`\n\t  Client-Ethernet-Address ${mac(ctx, bp + OFF_CHADDR)}`);
  if (!zeroTerminated(ctx, bp + OFF_SNAME, 64, 'sname')) return;
  if (!zeroTerminated(ctx, bp + OFF_FILE, 128, 'file')) return;

  const vend = bp + BOOTP_FIXED_LEN;
  f.check(vend, 4);
  const cookie = f.be32(vend);
  if (cookie === 0x63825363) printRfc1048(ctx, vend);
  else if (cookie === 0x434d5500) printCmu(ctx, vend); // "CMU\0"
  else if (cookie !== 0) ctx.print(`\n\t  Vendor-#0x${cookie.toString(16)}`);
}

/**
 * sname/file: printed when the first byte is not NUL. A field without a NUL inside
 * it (or cut by the capture) counts as truncated, as nd_printztn reports it.
 */
function zeroTerminated(ctx: DissectContext, o: number, size: number, label: string): boolean {
  if (ctx.frame.u8(o) === 0) return true;
  const { text, bytes } = ndPrintztn(ctx.frame, o, size);
  ctx.print(`\n\t  ${label} "${text}"`);
  if (bytes === 0) {
    ctx.printTrunc();
    return false;
  }
  return true;
}
