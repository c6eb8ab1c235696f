// The DNS detail tree (RFC 1035 message layout, RFC 6891 OPT), with Wireshark's field
// names (dns.id, dns.flags.*, dns.qry.*, dns.resp.*, dns.a, dns.opt.*...). Built only
// when a tree is asked for, in its own pass so the tcpdump line code stays as tcpdump
// has it. Never throws: a record cut short by the capture is marked `truncated`.
// Not a dissector: a helper of dns.ts.
import { isTruncated } from '../bytes/truncated.js';
import type { Frame } from '../bytes/frame.js';
import type { DissectContext } from '../dissect/dissect-context.js';
import type { FieldNode } from '../dissect/field-node.js';
import type { TreeBuilder } from '../dissect/tree-builder.js';
import { bitPattern, maskShift } from '../dissect/field-decl.js';
import { hex, ipv4String, ipv6String } from '../format/addresses.js';
import { timeSecsText } from '../format/time-secs.js';
import { WS_EDNS_OPT_NAMES, WS_EXT_ERROR_CODES, wsTypeText } from './dns-ws-types.js';
import { charText } from './dns-names.js';
import {
  E_COOKIE, T_A, T_AAAA, T_CNAME, T_DNAME, T_MX, T_NS, T_OPT, T_PTR, T_SOA, T_SRV, T_TXT, WS_OPCODES,
  WS_RCODES, classText, typeText,
} from './dns-types.js';

/** RFC 8914's Extended DNS Error option. */
const E_EXT_ERROR = 15;

/** Most pointers a name may follow in the tree pass (each must also point backwards). */
const MAX_HOPS = 128;
const MAX_LABELS = 256;
const MAX_NAME_BYTES = 255;
/** Records shown in the tree per message: real messages have a handful; crafted ones 64k. */
const MAX_TREE_RECORDS = 1000;

/** Offset after the name at `cp` in the record itself (labels up to a pointer or the root), bounded. */
function skipName(f: Frame, cp: number): number {
  for (let i = 0; i < 256; i++) {
    const len = f.u8(cp);
    if ((len & 0xc0) === 0xc0) return cp + 2;
    if (len & 0xc0 || len === 0) return cp + 1;
    cp += 1 + len;
  }
  return cp;
}

const GROUP_FIELDS = ['queries', 'answers', 'authorities', 'additionals'];

/**
 * Completes a node opened before its extent or summary was known (a section's length,
 * a record's `addr ...` label): the tree nodes are plain objects owned by this pass.
 */
function setNode(node: FieldNode, label: string | undefined, length?: number): void {
  const w = node as { label: string; length: number };
  if (label !== undefined) w.label = label;
  if (length !== undefined) w.length = length;
}

interface Name {
  readonly text: string;
  /** Offset just after the name where it starts (not where a pointer leads). */
  readonly end: number;
}

/** A name as Wireshark shows it (`www.example.test`, `<Root>`); throws Truncated past the capture. */
function readName(f: Frame, cp: number, bp: number): Name {
  const labels: string[] = [];
  let end = -1;
  let limit = cp - bp;
  // A valid name has at most 127 labels and 255 bytes; walking further only serves crafted
  // pointer chains (each name would cost hops x labels, and a message thousands of names).
  let steps = 0;
  let textBytes = 0;
  for (let hops = 0; ; ) {
    if (++steps > MAX_LABELS || textBytes > MAX_NAME_BYTES) {
      labels.push('<name too long>');
      if (end < 0) end = skipName(f, cp);
      break;
    }
    const len = f.u8(cp);
    if ((len & 0xc0) === 0xc0) {
      const off = ((len << 8) | f.u8(cp + 1)) & 0x3fff;
      if (end < 0) end = cp + 2;
      if (off >= limit || ++hops > MAX_HOPS) {
        labels.push('<bad pointer>');
        break;
      }
      limit = off;
      cp = bp + off;
      continue;
    }
    if (len & 0xc0) {
      labels.push('<unsupported label>');
      if (end < 0) end = cp + 1;
      break;
    }
    if (len === 0) {
      if (end < 0) end = cp + 1;
      break;
    }
    let s = '';
    for (const b of f.bytes(cp + 1, len)) s += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
    labels.push(s);
    textBytes += len + 1;
    cp += 1 + len;
  }
  return { text: labels.length ? labels.join('.') : '<Root>', end };
}

function flagsNodes(t: TreeBuilder, o: number, flags: number, response: boolean): void {
  const opcode = (flags >> 11) & 0xf;
  const rcode = flags & 0xf;
  const opName = WS_OPCODES[opcode] ?? 'Unknown';
  t.open('dns.flags', `Flags: ${hex(flags, 4)} ${opName}${response ? ' response' : ''}${response ? `, ${WS_RCODES[rcode] ?? 'Unknown error'}` : ''}`, o, 2, flags);
  // Each flag as Wireshark draws it: its bits within the 16-bit word, then its meaning.
  const bits = (mask: number): string => bitPattern(mask, (flags & mask) >>> maskShift(mask), 2);
  const bit = (field: string, name: string, mask: number, yes: string, no: string): void => {
    t.add(field, `${bits(mask)} = ${name}: ${flags & mask ? yes : no}`, o, 2, (flags & mask) !== 0);
  };
  bit('dns.flags.response', 'Response', 0x8000, 'Message is a response', 'Message is a query');
  t.add('dns.flags.opcode', `${bits(0x7800)} = Opcode: ${opName} (${opcode})`, o, 2, opcode);
  if (response) bit('dns.flags.authoritative', 'Authoritative', 0x400, 'Server is an authority for domain', 'Server is not an authority for domain');
  bit('dns.flags.truncated', 'Truncated', 0x200, 'Message is truncated', 'Message is not truncated');
  bit('dns.flags.recdesired', 'Recursion desired', 0x100, 'Do query recursively', "Don't do query recursively");
  if (response) bit('dns.flags.recavail', 'Recursion available', 0x80, 'Server can do recursive queries', "Server can't do recursive queries");
  bit('dns.flags.z', 'Z', 0x40, 'reserved (1)', 'reserved (0)');
  if (response) bit('dns.flags.authenticated', 'Answer authenticated', 0x20, 'Answer/authority portion was authenticated by the server', 'Answer/authority portion was not authenticated by the server');
  // A query's bit asks for authenticated data (RFC 6840 5.7): Wireshark names it so, same field.
  else bit('dns.flags.authenticated', 'AD bit', 0x20, 'Set', 'Not set');
  bit('dns.flags.checkdisable', 'Non-authenticated data', 0x10, 'Acceptable', 'Unacceptable');
  if (response) t.add('dns.flags.rcode', `${bits(0xf)} = Reply code: ${WS_RCODES[rcode] ?? 'Unknown'} (${rcode})`, o, 2, rcode);
  t.close();
}

function question(t: TreeBuilder, f: Frame, cp: number, bp: number): number {
  const name = readName(f, cp, bp);
  const type = f.be16(name.end);
  const cls = f.be16(name.end + 2);
  t.open('dns.qry', `${name.text}: type ${typeText(type)}, class ${classText(cls)}`, cp, name.end + 4 - cp);
  t.add('dns.qry.name', `Name: ${name.text}`, cp, name.end - cp, name.text);
  // Wireshark's generated length and label count of the name (the root counts as 6 and 0).
  const root = name.text === '<Root>';
  t.add('dns.qry.name.len', `[Name Length: ${root ? 6 : name.text.length}]`, cp, name.end - cp, root ? 6 : name.text.length);
  const labels = root ? 0 : name.text.split('.').length;
  t.add('dns.count.labels', `[Label Count: ${labels}]`, cp, name.end - cp, labels);
  t.add('dns.qry.type', `Type: ${wsTypeText(type)} (${type})`, name.end, 2, type);
  t.add('dns.qry.class', `Class: ${classText(cls)} (${hex(cls, 4)})`, name.end + 2, 2, cls);
  t.close();
  return name.end + 4;
}

/** The RDATA fields of the common types. */
function rdata(t: TreeBuilder, f: Frame, type: number, o: number, len: number, bp: number): string {
  const nameAt = (field: string, label: string, at: number): string => {
    const n = readName(f, at, bp);
    t.add(field, `${label}: ${n.text}`, at, n.end - at, n.text);
    return n.text;
  };
  switch (type) {
    case T_A: {
      const a = ipv4String(f.bytes(o, 4), 0);
      t.add('dns.a', `Address: ${a}`, o, 4, a);
      return `addr ${a}`;
    }
    case T_AAAA: {
      const a = ipv6String(f.bytes(o, 16), 0);
      t.add('dns.aaaa', `AAAA Address: ${a}`, o, 16, a);
      return `addr ${a}`;
    }
    case T_CNAME:
      return `cname ${nameAt('dns.cname', 'CNAME', o)}`;
    case T_PTR:
      return `${nameAt('dns.ptr.domain_name', 'Domain Name', o)}`;
    case T_NS:
      return `ns ${nameAt('dns.ns', 'Name Server', o)}`;
    case T_DNAME:
      return `dname ${nameAt('dns.dname', 'Dname', o)}`;
    case T_MX: {
      const pref = f.be16(o);
      t.add('dns.mx.preference', `Preference: ${pref}`, o, 2, pref);
      return `preference ${pref}, mx ${nameAt('dns.mx.mail_exchange', 'Mail Exchange', o + 2)}`;
    }
    case T_SRV: {
      t.add('dns.srv.priority', `Priority: ${f.be16(o)}`, o, 2, f.be16(o));
      t.add('dns.srv.weight', `Weight: ${f.be16(o + 2)}`, o + 2, 2, f.be16(o + 2));
      t.add('dns.srv.port', `Port: ${f.be16(o + 4)}`, o + 4, 2, f.be16(o + 4));
      return `priority ${f.be16(o)}, weight ${f.be16(o + 2)}, port ${f.be16(o + 4)}, target ${nameAt('dns.srv.target', 'Target', o + 6)}`;
    }
    case T_SOA: {
      const m = nameAt('dns.soa.mname', 'Primary name server', o);
      const r = readName(f, o, bp).end;
      nameAt('dns.soa.rname', 'Responsible authority\'s mailbox', r);
      const p = readName(f, r, bp).end;
      const names = ['serial_number', 'refresh_interval', 'retry_interval', 'expire_limit', 'minimum_ttl'];
      const labels = ['Serial Number', 'Refresh Interval', 'Retry Interval', 'Expire limit', 'Minimum TTL'];
      names.forEach((n, k) => {
        const v = f.be32(p + 4 * k);
        // Every count but the serial is a time, shown as Wireshark shows one ("900 (15 minutes)").
        t.add(`dns.soa.${n}`, `${labels[k]}: ${v}${k ? ` (${timeSecsText(v)})` : ''}`, p + 4 * k, 4, v);
      });
      return `mname ${m}`;
    }
    case T_TXT: {
      for (let p = o; p < o + len; ) {
        const n = f.u8(p);
        let s = '';
        for (const b of f.bytes(p + 1, n)) s += charText(b);
        t.add('dns.txt.length', `TXT Length: ${n}`, p, 1, n);
        t.add('dns.txt', `TXT: ${s}`, p + 1, n, s);
        p += 1 + n;
      }
      // Wireshark's record line names no TXT content.
      return '';
    }
    default:
      if (len) t.add('dns.data', `Data (${len} bytes)`, o, len);
      return '';
  }
}

function optRdata(t: TreeBuilder, f: Frame, o: number, len: number): void {
  for (let p = o; p + 4 <= o + len; ) {
    const code = f.be16(p);
    const olen = f.be16(p + 2);
    const name = WS_EDNS_OPT_NAMES.get(code) ?? 'Unknown';
    t.open('dns.opt', `Option: ${name}`, p, 4 + olen);
    t.add('dns.opt.code', `Option Code: ${name} (${code})`, p, 2, code);
    t.add('dns.opt.len', `Option Length: ${olen}`, p + 2, 2, olen);
    const hexOf = (at: number, n: number): string => Array.from(f.bytes(at, n), (b) => b.toString(16).padStart(2, '0')).join('');
    if (olen) t.add('dns.opt.data', `Option Data: ${hexOf(p + 4, olen)}`, p + 4, olen);
    if (code === E_COOKIE && olen >= 8) {
      // RFC 7873: an 8-byte client cookie, then the server's (8 to 32 bytes) if it has one.
      t.add('dns.opt.cookie.client', `Client Cookie: ${hexOf(p + 4, 8)}`, p + 4, 8);
      t.add('dns.opt.cookie.server', `Server Cookie: ${olen > 8 ? hexOf(p + 12, olen - 8) : '<MISSING>'}`, p + 12, olen - 8);
    } else if (code === E_EXT_ERROR && olen >= 2) {
      const info = f.be16(p + 4);
      t.add('dns.opt.ext_error.info_code', `Info Code: ${WS_EXT_ERROR_CODES[info] ?? 'Unknown'} (${info})`, p + 4, 2, info);
      if (olen > 2) {
        let text = '';
        for (const b of f.bytes(p + 6, olen - 2)) text += charText(b);
        t.add('dns.opt.ext_error.extra_text', `Extra Text: ${text}`, p + 6, olen - 2, text);
      }
    }
    t.close();
    p += 4 + olen;
  }
}

/** An SRV owner name as Wireshark splits it (RFC 2782 _Service._Proto.Name): up to three parts. */
function srvOwner(t: TreeBuilder, owner: string, offset: number, length: number): void {
  const dot1 = owner.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : owner.indexOf('.', dot1 + 1);
  const service = dot1 < 0 ? owner : owner.slice(0, dot1);
  t.add('dns.srv.service', `Service: ${service}`, offset, length, service);
  if (dot1 < 0) return;
  const proto = dot2 < 0 ? owner.slice(dot1 + 1) : owner.slice(dot1 + 1, dot2);
  t.add('dns.srv.proto', `Protocol: ${proto}`, offset, length, proto);
  if (dot2 >= 0) t.add('dns.srv.name', `Name: ${owner.slice(dot2 + 1)}`, offset, length, owner.slice(dot2 + 1));
}

function record(t: TreeBuilder, f: Frame, cp: number, bp: number): number {
  const name = readName(f, cp, bp);
  const o = name.end;
  const type = f.be16(o);
  const cls = f.be16(o + 2);
  const ttl = f.be32(o + 4);
  const len = f.be16(o + 8);
  const node = t.open('dns.rr', `${name.text}: type ${typeText(type)}`, cp, o + 10 + len - cp);
  if (type === 33 && name.text !== '<Root>') srvOwner(t, name.text, cp, o - cp);
  else t.add('dns.resp.name', `Name: ${name.text}`, cp, o - cp, name.text);
  t.add('dns.resp.type', `Type: ${wsTypeText(type)} (${type})`, o, 2, type);
  if (type === T_OPT) {
    t.add('dns.rr.udp_payload_size', `UDP payload size: ${cls}`, o + 2, 2, cls);
    t.add('dns.resp.ext_rcode', `Higher bits in extended RCODE: ${hex(ttl >>> 24, 2)}`, o + 4, 1, ttl >>> 24);
    t.add('dns.resp.edns0_version', `EDNS0 version: ${(ttl >> 16) & 0xff}`, o + 5, 1, (ttl >> 16) & 0xff);
    const z = ttl & 0xffff;
    t.open('dns.resp.z', `Z: ${hex(z, 4)}`, o + 6, 2, z);
    t.add('dns.resp.z.do', `${bitPattern(0x8000, z >> 15, 2)} = DO bit: ${z & 0x8000 ? 'Accepts DNSSEC security RRs' : 'Cannot handle DNSSEC security RRs'}`, o + 6, 2, (z & 0x8000) !== 0);
    t.add('dns.resp.z.reserved', `${bitPattern(0x7fff, z & 0x7fff, 2)} = Reserved: ${hex(z & 0x7fff, 4)}`, o + 6, 2, z & 0x7fff);
    t.close();
    t.add('dns.resp.len', `Data length: ${len}`, o + 8, 2, len);
    optRdata(t, f, o + 10, len);
  } else {
    t.add('dns.resp.class', `Class: ${classText(cls)} (${hex(cls, 4)})`, o + 2, 2, cls);
    t.add('dns.resp.ttl', `Time to live: ${ttl} (${timeSecsText(ttl)})`, o + 4, 4, ttl);
    t.add('dns.resp.len', `Data length: ${len}`, o + 8, 2, len);
    const summary = rdata(t, f, type, o + 10, len, bp);
    setNode(node, `${name.text}: type ${typeText(type)}, class ${classText(cls)}${summary ? `, ${summary}` : ''}`);
  }
  t.close();
  return o + 10 + len;
}

/** Adds the `dns` subtree for the message at `bp` (`start` includes a TCP length prefix). */
export function buildDnsTree(ctx: DissectContext, start: number, bp: number, length: number, overTcp: boolean, mdns: boolean): void {
  const t = ctx.tree;
  if (!t) return;
  const f = ctx.frame;
  const depth = t.depth;
  const response = f.has(bp + 2, 1) && (f.u8(bp + 2) & 0x80) !== 0;
  t.open(mdns ? 'mdns' : 'dns', `${mdns ? 'Multicast Domain Name System' : 'Domain Name System'} (${response ? 'response' : 'query'})`, start, length + (bp - start));
  try {
    if (overTcp) t.add('dns.length', `Length: ${f.be16(start)}`, start, 2, f.be16(start));
    t.add('dns.id', `Transaction ID: ${hex(f.be16(bp), 4)}`, bp, 2, f.be16(bp));
    flagsNodes(t, bp + 2, f.be16(bp + 2), response);
    const counts = [f.be16(bp + 4), f.be16(bp + 6), f.be16(bp + 8), f.be16(bp + 10)];
    const fields = ['queries', 'answers', 'auth_rr', 'add_rr'];
    const labels = ['Questions', 'Answer RRs', 'Authority RRs', 'Additional RRs'];
    counts.forEach((n, k) => t.add(`dns.count.${fields[k]}`, `${labels[k]}: ${n}`, bp + 4 + 2 * k, 2, n));
    let cp = bp + 12;
    const end = bp + length;
    const groups = ['Queries', 'Answers', 'Authoritative nameservers', 'Additional records'];
    let shown = 0;
    for (let k = 0; k < 4; k++) {
      const n = counts[k]!;
      if (!n || cp >= end) continue;
      const from = cp;
      const group = t.open(`dns.${GROUP_FIELDS[k]}`, groups[k]!, cp, 0);
      let i = 0;
      for (; i < n && cp < end && shown < MAX_TREE_RECORDS; i++, shown++) {
        cp = k === 0 ? question(t, f, cp, bp) : record(t, f, cp, bp);
        setNode(group, undefined, cp - from);
      }
      if (i < n && shown >= MAX_TREE_RECORDS) {
        t.add('_ws.expert', `[${n - i} more records not shown: the message claims ${n}]`, cp, Math.max(0, Math.min(end, f.snapend) - cp));
        t.close();
        break;
      }
      t.close();
    }
  } catch (e) {
    if (!isTruncated(e)) throw e;
    // Mark the innermost node being read when the capture ended.
    const cur = t.current;
    if (cur) cur.truncated = true;
  }
  t.closeTo(depth);
}
