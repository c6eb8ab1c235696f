// One message of a request/response ladder (ARP, DHCP, DNS, ICMP, plain UDP/IP), kept small
// as tcp-ladder-event.ts keeps TCP's: a UDP flow can have 100k+ datagrams. It stores the
// numbers its label and sentence are made of (message code, length, how often it was sent
// unanswered, how long after what it answers) and makes the strings when read.
import { arpLabel, DHCP_NAMES, dnsLabel, explainArp, explainDatagram, explainDhcp, explainDns, explainIcmp, icmpLabel, type MessageContext } from './explain-messages.js';
import type { FlowKind } from './flow.js';
import { epochString, type LadderEvent } from './ladder-event.js';
import { dnsCodeId } from './transactions.js';
import type { ColumnReader } from '../store/chunked-column.js';

/** What every message of one ladder shares. */
export interface MessageEventContext {
  readonly kind: FlowKind;
  /** The packet table's times (wide ones included: see PacketTable.sec). */
  readonly sec: (i: number) => number;
  readonly nsec: (i: number) => number;
  readonly src: ColumnReader;
  readonly dst: ColumnReader;
  readonly name: (address: number) => string;
  /** Lane addresses: the sender of a left-to-right message, and of a right-to-left one. */
  readonly left: string;
  readonly right: string;
}

const NONE: readonly string[] = Object.freeze([]);

/** The number a message's label is made of, to count repeats of the same message: its code, or a datagram's length. */
export function messageKey(kind: FlowKind, code: number, len: number): number {
  if (kind === 'dns') return code & 31;
  if (kind === 'arp' || kind === 'dhcp' || kind === 'icmp' || kind === 'icmpv6') return code;
  return len;
}

export interface MessageEventFields {
  readonly index: number;
  readonly rel: number;
  readonly leftToRight: boolean;
  readonly code: number;
  readonly len: number;
  readonly repeat: number;
  readonly sinceRepeat: number;
  readonly sinceRequest: number;
}

export class MessageEvent implements LadderEvent {
  readonly index: number;
  readonly rel: number;
  readonly leftToRight: boolean;
  readonly len: number;
  private readonly code: number;
  private readonly repeat: number;
  private readonly sinceRepeat: number;
  private readonly sinceRequest: number;

  constructor(
    private readonly ctx: MessageEventContext,
    f: MessageEventFields,
  ) {
    this.index = f.index;
    this.rel = f.rel;
    this.leftToRight = f.leftToRight;
    this.len = f.len;
    this.code = f.code;
    this.repeat = f.repeat;
    this.sinceRepeat = f.sinceRepeat;
    this.sinceRequest = f.sinceRequest;
  }

  get kind(): 'packet' {
    return 'packet';
  }
  get frame(): number {
    return this.index + 1;
  }
  get time(): string {
    return epochString(this.ctx.sec(this.index), this.ctx.nsec(this.index));
  }
  get analysis(): readonly string[] {
    return NONE;
  }
  get changes(): readonly string[] {
    return NONE;
  }
  get label(): string {
    const { kind, name } = this.ctx;
    const code = this.code;
    if (kind === 'arp') return arpLabel(code, name(this.ctx.src.get(this.index)), name(this.ctx.dst.get(this.index)));
    if (kind === 'dhcp') return DHCP_NAMES[code] ?? (this.leftToRight ? 'BOOTREQUEST' : 'BOOTREPLY');
    if (kind === 'dns') return dnsLabel(code & 31);
    if (kind === 'icmp' || kind === 'icmpv6') return icmpLabel(kind === 'icmpv6', code >> 8, code & 255);
    return `${kind.toUpperCase()} ${this.len}`;
  }
  get explanation(): string {
    const { kind, name } = this.ctx;
    const code = this.code;
    const m: MessageContext = {
      from: this.leftToRight ? this.ctx.left : this.ctx.right,
      to: this.leftToRight ? this.ctx.right : this.ctx.left,
      repeat: this.repeat,
      sinceRepeat: this.sinceRepeat,
      sinceRequest: this.sinceRequest,
      len: this.len,
    };
    const src = name(this.ctx.src.get(this.index));
    const dst = name(this.ctx.dst.get(this.index));
    if (kind === 'arp') return explainArp(code, src, dst, m);
    if (kind === 'dhcp') return explainDhcp(code, m, code === 2 && dst !== '255.255.255.255' ? dst : '');
    if (kind === 'dns') return explainDns(code & 31, dnsCodeId(code), m);
    if (kind === 'icmp' || kind === 'icmpv6') return explainIcmp(kind === 'icmpv6', code >> 8, code & 255, m);
    return explainDatagram(m);
  }

  /** The plain object (JSON output): getters are not own properties. */
  toJSON(): LadderEvent {
    return {
      kind: this.kind, frame: this.frame, index: this.index, time: this.time, rel: this.rel, leftToRight: this.leftToRight, label: this.label,
      len: this.len, analysis: this.analysis, changes: this.changes, explanation: this.explanation,
    };
  }
}
