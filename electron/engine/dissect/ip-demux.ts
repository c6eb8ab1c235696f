import type { DissectContext } from './dissect-context.js';
import { IPPROTO_ND, IPPROTO_NONE } from '../format/ipprotos.js';

/**
 * tcpdump's ip_demux_print fallbacks around the `ipproto` table, shared by IPv4 and
 * IPv6: hands the payload to the registered dissector or prints what tcpdump prints
 * for a protocol it does not decode.
 */
export function ipDemux(ctx: DissectContext, nh: number, offset: number, length: number): void {
  if (ctx.dispatch('ipproto', nh, offset, length)) return;
  switch (nh) {
    case IPPROTO_NONE:
      ctx.print('no next header');
      return;
    case IPPROTO_ND:
      ctx.print(` nd ${length}`);
      return;
    default:
      ctx.print(` ip-proto-${nh} ${length}`);
  }
}
