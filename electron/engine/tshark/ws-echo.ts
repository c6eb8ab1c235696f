// Wireshark's ping matching in the tree (packet-icmp.c, packet-icmpv6.c, 4.0, one pass): a
// reply to a request seen earlier (same addresses reversed, identifier and sequence number)
// shows the request's frame and the time since it, in ms. ICMP writes "[Request frame: N]"
// and "[Response time: x ms]" after the sequence numbers; ICMPv6 "[Response To: N]" and
// "[Response Time: x ms]".
import type { FieldNode } from '../dissect/field-node.js';
import { nsDelta, type NsTime } from './tap.js';
import { childValue } from './tree-find.js';

export class EchoTransactions {
  private readonly requests = new Map<string, { frame: number; time: NsTime }>();

  /** The ICMP/ICMPv6 node with the reply's matching items added (a new node), else the same. */
  message(net: FieldNode | undefined, icmp: FieldNode, frame: number, time: NsTime): FieldNode {
    const v6 = icmp.field === 'icmpv6';
    const type = Number(childValue(icmp, `${icmp.field}.type`) ?? -1);
    const request = v6 ? type === 128 : type === 8;
    const reply = v6 ? type === 129 : type === 0;
    if (!net || (!request && !reply)) return icmp;
    const pre = net.field === 'ip' ? 'ip' : 'ipv6';
    const src = String(childValue(net, `${pre}.src`));
    const dst = String(childValue(net, `${pre}.dst`));
    const id = childValue(icmp, v6 ? 'icmpv6.echo.identifier' : 'icmp.ident');
    const seq = childValue(icmp, v6 ? 'icmpv6.echo.sequence_number' : 'icmp.seq');
    if (request) {
      this.requests.set(`${icmp.field}|${src}|${dst}|${id}|${seq}`, { frame, time });
      return icmp;
    }
    const req = this.requests.get(`${icmp.field}|${dst}|${src}|${id}|${seq}`);
    if (!req) return icmp;
    const d = nsDelta(time, req.time);
    const ms = (d.sec * 1e9 + d.nsec) / 1e6;
    const items: FieldNode[] = [
      { field: `${icmp.field}.resp_to`, label: v6 ? `[Response To: ${req.frame}]` : `[Request frame: ${req.frame}]`, offset: 0, length: 0, value: req.frame },
      { field: `${icmp.field}.resptime`, label: `[Response ${v6 ? 'Time' : 'time'}: ${ms.toFixed(3)} ms]`, offset: 0, length: 0, value: ms },
    ];
    const kids = [...(icmp.children ?? [])];
    const after = v6 ? 'icmpv6.echo.sequence_number' : 'icmp.seq_le';
    const at = kids.findIndex((c) => c.field === after);
    kids.splice(at < 0 ? kids.length : at + 1, 0, ...items);
    return { ...icmp, children: kids };
  }
}
