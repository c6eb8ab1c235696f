// Multicast Listener Discovery: MLDv1 (RFC 2710) and MLDv2 (RFC 3810). Not a dissector:
// a helper of icmpv6.ts, printing like tcpdump 4.99's mld6_print, mldv2_query_print and
// mldv2_report_print (print-icmp6.c).
import type { DissectContext } from '../dissect/dissect-context.js';
import { ipv6String } from '../format/addresses.js';

const RECORD_TYPES = ['', 'is_in', 'is_ex', 'to_in', 'to_ex', 'allow', 'block'];

function addr(ctx: DissectContext, o: number): string {
  ctx.frame.check(o, 16);
  return ipv6String(ctx.frame.data, o);
}

/** mld6_print: MLDv1 `max resp delay: D addr: A` (printed right after the type name, as tcpdump does). */
export function mld1(ctx: DissectContext, bp: number): void {
  const f = ctx.frame;
  if (bp + 24 > f.snapend) return;
  const delay = f.be16(bp + 4);
  const a = addr(ctx, bp + 8);
  ctx.print(`max resp delay: ${delay} addr: ${a}`);
  if (ctx.tree) {
    ctx.tree.add('icmpv6.mld.maximum_response_delay', `Maximum Response Delay [ms]: ${delay}`, bp + 4, 2, delay);
    ctx.tree.add('icmpv6.mld.multicast_address', `Multicast Address: ${a}`, bp + 8, 16, a);
  }
}

/** mldv2_report_print: `, N group record(s)` (+ the records at -v). */
export function mld2Report(ctx: DissectContext, bp: number, len: number): void {
  const f = ctx.frame;
  const t = ctx.tree;
  if (len < 8) {
    ctx.print(` [invalid len ${len}]`);
    return;
  }
  const ngroups = f.be16(bp + 6);
  ctx.print(`, ${ngroups} group record(s)`);
  t?.add('icmpv6.mldr.nb_mcast_records', `Number of Multicast Address Records: ${ngroups}`, bp + 6, 2, ngroups);
  if (ctx.opts.verbose === 0) return;
  let group = 8;
  for (let i = 0; i < ngroups; i++) {
    if (len < group + 20) {
      ctx.print(' [invalid number of groups]');
      return;
    }
    const g = addr(ctx, bp + group + 4);
    ctx.print(` [gaddr ${g}`);
    const rtype = f.u8(bp + group);
    ctx.print(` ${RECORD_TYPES[rtype] || ` [v2-report-#${rtype}]`}`);
    const nsrcs = f.be16(bp + group + 2);
    if (t) {
      t.open('icmpv6.mldr.mar', `Multicast Address Record: ${g}`, bp + group, 20 + nsrcs * 16);
      t.add('icmpv6.mldr.mar.record_type', `Record Type: ${rtype}`, bp + group, 1, rtype);
      t.add('icmpv6.mldr.mar.nb_sources', `Number of Sources: ${nsrcs}`, bp + group + 2, 2, nsrcs);
      t.add('icmpv6.mldr.mar.multicast_address', `Multicast Address: ${g}`, bp + group + 4, 16, g);
      t.close();
    }
    if (len < group + 20 + nsrcs * 16) {
      ctx.print(` [invalid number of sources ${nsrcs}]`);
      return;
    }
    if (ctx.opts.verbose === 1) ctx.print(`, ${nsrcs} source(s)`);
    else {
      ctx.print(' {');
      for (let j = 0; j < nsrcs; j++) ctx.print(` ${addr(ctx, bp + group + 20 + j * 16)}`);
      ctx.print(' }');
    }
    group += 20 + nsrcs * 16;
    ctx.print(']');
  }
}

/** mldv2_query_print: ` [gaddr A]` (+ delay, flags, QQI and sources at -v). */
export function mld2Query(ctx: DissectContext, bp: number, len: number): void {
  const f = ctx.frame;
  if (len < 28) {
    ctx.print(` [invalid len ${len}]`);
    return;
  }
  const mrc = f.be16(bp + 4);
  // Maximum Response Code: a floating-point encoding above 32767 (RFC 3810 5.1.3).
  const mrt = mrc < 32768 ? mrc : ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
  if (ctx.opts.verbose) ctx.print(` [max resp delay=${mrt}]`);
  const g = addr(ctx, bp + 8);
  ctx.print(` [gaddr ${g}`);
  ctx.tree?.add('icmpv6.mld.multicast_address', `Multicast Address: ${g}`, bp + 8, 16, g);
  if (ctx.opts.verbose) {
    const flags = f.u8(bp + 24);
    if (flags & 0x08) ctx.print(' sflag');
    if (flags & 0x07) ctx.print(` robustness=${flags & 0x07}`);
    const qqic = f.u8(bp + 25);
    const qqi = qqic < 128 ? qqic : ((qqic & 0x0f) | 0x10) << (((qqic & 0x70) >> 4) + 3);
    ctx.print(` qqi=${qqi}`);
  }
  const nsrcs = f.be16(bp + 26);
  if (nsrcs > 0) {
    if (len < 28 + nsrcs * 16) ctx.print(' [invalid number of sources]');
    else if (ctx.opts.verbose > 1) {
      ctx.print(' {');
      for (let i = 0; i < nsrcs; i++) ctx.print(` ${addr(ctx, bp + 28 + i * 16)}`);
      ctx.print(' }');
    } else ctx.print(`, ${nsrcs} source(s)`);
  }
  ctx.print(']');
}
