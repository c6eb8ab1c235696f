// Wireshark's DNS transaction tracking (packet-dns.c, 4.0, one pass as tshark makes it): a
// query opens a transaction keyed by its conversation and ID; the response that follows shows
// "[Request In: N]" and the time since the query. A query repeated within 5 s with no answer
// yet, or a second answer, is marked a retransmission; an answer to no query, unsolicited.
import type { FieldNode } from '../dissect/field-node.js';
import { nsSeconds } from './field-format.js';
import { nsDelta, type NsTime } from './tap.js';
import { childValue } from './tree-find.js';

/** packet-dns.c's default retransmission timer (dns.retransmission_timer). */
const RETRANSMISSION_NS = 5e9;

interface Transaction {
  readonly reqFrame: number;
  readonly reqTime: NsTime;
  repFrame: number;
}

const info = (field: string, label: string, value: number | boolean): FieldNode => ({ field, label, offset: 0, length: 0, value });

/** packet-dns.c's ei_dns_retransmit_* expert items (Warning, Protocol group). */
function expert(field: string, message: string): FieldNode {
  const kids = [info(field, `[${message}]`, true), info('_ws.expert.severity', '[Severity level: Warning]', true), info('_ws.expert.group', '[Group: Protocol]', true)];
  return { field: '_ws.expert.dns', label: `[Expert Info (Warning/Protocol): ${message}]`, offset: 0, length: 0, children: kids };
}

export class DnsTransactions {
  private readonly byKey = new Map<string, Transaction>();

  /**
   * The DNS node with Wireshark's tracking items appended (a new node), for a message of
   * conversation `conv` in frame `frame` at `time`.
   */
  message(dns: FieldNode, conv: string, frame: number, time: NsTime): FieldNode {
    const id = Number(childValue(dns, 'dns.id') ?? -1);
    const flags = Number(childValue(dns, 'dns.flags') ?? 0);
    const key = `${conv}/${id}`;
    let t = this.byKey.get(key);
    const extra: FieldNode[] = [];
    if (flags & 0x8000) {
      let retransmitted = false;
      if (t && t.repFrame === 0) t.repFrame = frame;
      else if (t) retransmitted = t.repFrame !== frame;
      if (t) {
        extra.push(info('dns.response_to', `[Request In: ${t.reqFrame}]`, t.reqFrame));
        extra.push(info('dns.time', `[Time: ${nsSeconds(nsDeltaNs(time, t.reqTime))} seconds]`, nsDeltaNs(time, t.reqTime) / 1e9));
        if (retransmitted) {
          extra.push(info('dns.retransmit_response_in', `[Retransmitted response. Original response in: ${t.repFrame}]`, t.repFrame));
          extra.push({ ...info('dns.retransmission', '[Retransmission: True]', true), children: [expert('dns.retransmit_response', 'DNS response retransmission')] });
        }
      } else {
        extra.push(info('dns.unsolicited', '[Unsolicited: True]', true));
      }
    } else {
      if (t && t.repFrame === 0 && nsDeltaNs(time, t.reqTime) < RETRANSMISSION_NS) {
        extra.push(info('dns.retransmit_request_in', `[Retransmitted request. Original request in: ${t.reqFrame}]`, t.reqFrame));
        extra.push({ ...info('dns.retransmission', '[Retransmission: True]', true), children: [expert('dns.retransmit_request', 'DNS query retransmission')] });
      } else {
        t = { reqFrame: frame, reqTime: time, repFrame: 0 };
        this.byKey.set(key, t);
      }
    }
    return extra.length ? { ...dns, children: [...(dns.children ?? []), ...extra] } : dns;
  }
}

function nsDeltaNs(a: NsTime, b: NsTime): number {
  const d = nsDelta(a, b);
  return d.sec * 1e9 + d.nsec;
}
