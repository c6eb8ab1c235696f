// Raw IP link types: LINKTYPE_RAW (101; also DLT_RAW 12 and 14 on some systems),
// LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229), as tcpdump's print-raw.c / ipN_print print them.
import type { DissectContext } from '../dissect/dissect-context.js';
import type { Dissector } from '../dissect/dissector.js';
import type { IndexContext } from '../dissect/index-context.js';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6 } from '../format/ethertypes.js';

export const rawIp: Dissector = {
  name: 'raw',
  index(ctx: IndexContext, p: number, length: number): void {
    if (ctx.end - p < 1) return;
    const v = ctx.data[p]! & 0xf0;
    if (v === 0x40) ctx.network(ETHERTYPE_IPV4, p, length);
    else if (v === 0x60) ctx.network(ETHERTYPE_IPV6, p, length);
  },
  dissect(ctx: DissectContext, p: number, length: number): void {
    if (ctx.opts.eflag) ctx.print('ip: ');
    ctx.protocol = 'ipn';
    if (length < 1) {
      ctx.print(`truncated-ip ${length}`);
      return;
    }
    const v = ctx.frame.u8(p) & 0xf0;
    if (v === 0x40) ctx.dispatch('ethertype', ETHERTYPE_IPV4, p, length);
    else if (v === 0x60) ctx.dispatch('ethertype', ETHERTYPE_IPV6, p, length);
    else ctx.print(`unknown ip ${v >> 4}`);
  },
};

// tcpdump prints LINKTYPE_IPV4 and LINKTYPE_IPV6 with raw_if_print too: the version nibble,
// not the link type, picks the printer (an IPv6 packet in an IPV4 file prints as IPv6).
export const rawIpv4: Dissector = { name: 'ipv4-link', dissect: rawIp.dissect, index: rawIp.index };

export const rawIpv6: Dissector = { name: 'ipv6-link', dissect: rawIp.dissect, index: rawIp.index };
