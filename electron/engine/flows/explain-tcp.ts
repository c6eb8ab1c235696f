// One plain-language sentence per TCP segment, the way a networking teacher narrates a
// ladder diagram: what the sender does, and which state each side enters because of it.
import {
  A_DUPLICATE_ACK,
  A_KEEP_ALIVE,
  A_KEEP_ALIVE_ACK,
  A_OUT_OF_ORDER,
  A_WINDOW_FULL,
  A_WINDOW_UPDATE,
  A_ZERO_WINDOW,
  A_ZERO_WINDOW_PROBE,
  A_ZERO_WINDOW_PROBE_ACK,
} from './analysis-flags.js';
import { seconds } from './ladder-event.js';
import type { ResendInfo } from './tcp-backoff.js';
import type { SynOptions, TcpStep } from './tcp-connection.js';
import { ACK, FIN, RST, SYN, type StateChange } from './tcp-states.js';

export interface TcpExplainInput {
  /** "client"/"server" for the sender and the receiver. */
  readonly from: string;
  readonly to: string;
  readonly flags: number;
  readonly len: number;
  readonly seq: number;
  readonly nextSeq: number;
  readonly ack: number;
  readonly window: number;
  readonly analysis: number;
  readonly step: TcpStep;
  /** The sender's side index (0 = A) to tell its changes from the receiver's. */
  readonly side: 0 | 1;
  readonly synOptions: SynOptions | null;
  /** Port the segment was sent from (for a refusal: "nobody listens on port 81"). */
  readonly sport: number;
  /** The acknowledgement moved forward compared with the sender's previous segment. */
  readonly ackAdvanced: boolean;
  /** The receiver has already sent a FIN that this FIN does not acknowledge. */
  readonly crossing: boolean;
  /** Handshake time when this segment completed it. */
  readonly handshakeRtt: number;
  /** The sender's state after the segment. */
  readonly senderState: string;
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "MSS 1460, SACK, timestamps and window scale 7". */
function optionList(o: SynOptions | null): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.mss >= 0) parts.push(`MSS ${o.mss}`);
  if (o.sackPermitted) parts.push('SACK');
  if (o.timestamps) parts.push('timestamps');
  if (o.wscale >= 0) parts.push(`window scale ${o.wscale}`);
  if (parts.length < 2) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/** "the gap doubled", "the same gap as before", "the gap grew 1.5x". */
function gapVerdict(r: ResendInfo): string {
  if (r.prevGap < 0) return '';
  const ratio = r.prevGap > 0 ? r.gap / r.prevGap : Infinity;
  if (Math.abs(ratio / 2 - 1) <= 0.2) return 'the gap doubled';
  if (Math.abs(ratio - 1) <= 0.2) return 'the same gap as before';
  return `the gap changed ${ratio.toFixed(2)}x`;
}

function resendSentence(x: TcpExplainInput, r: ResendInfo): string {
  const what = r.group.what === 'data' ? `the ${x.from}'s data (seq ${x.seq}:${x.nextSeq})` : r.group.what === 'zero-window probe' ? `the ${x.from}'s zero-window probe` : `the ${r.group.what}`;
  const since = r.tryNo === 1 ? 'the original' : 'the previous try';
  const v = gapVerdict(r);
  return `Retransmission #${r.tryNo} of ${what}, ${seconds(r.gap)} after ${since}${v ? `: ${v}` : ''}`;
}

const mine = (x: TcpExplainInput): StateChange[] => x.step.changes.filter((c) => c.side === x.side);
const theirs = (x: TcpExplainInput): StateChange[] => x.step.changes.filter((c) => c.side !== x.side);
const lastTo = (cs: StateChange[]): string | undefined => cs[cs.length - 1]?.to;

export function explainTcp(x: TcpExplainInput): string {
  const { from, to, flags } = x;
  const me = mine(x);
  const peer = theirs(x);
  const peerTo = lastTo(peer);
  if (flags & RST) {
    if (x.step.refused) return `${cap(from)} refuses: no one is listening on port ${x.sport}`;
    return `${cap(from)} aborts the connection (RST): both sides drop it at once, with no FIN exchange and no TIME_WAIT`;
  }
  if (x.step.resend) return resendSentence(x, x.step.resend);
  if (flags & SYN) {
    const opts = optionList(x.synOptions);
    if (!(flags & ACK)) return `${cap(from)} asks to open a connection${opts ? ` and offers ${opts}` : ''}`;
    const est = peerTo === 'ESTABLISHED' ? `; the ${to} is now ESTABLISHED` : '';
    return `${cap(from)} accepts and sends its own SYN with the ACK${opts ? `, offering ${opts}` : ''}: it enters SYN_RCVD${est}`;
  }
  if (x.step.handshakeDone) {
    const data = x.len > 0 ? ` and sends ${x.len} bytes at once` : '';
    return `${cap(from)} acknowledges the ${to}'s SYN${data}: the three-way handshake is complete after ${seconds(x.handshakeRtt)} and both sides are ESTABLISHED`;
  }
  if (flags & FIN) return explainFin(x, me, peerTo);
  if (me.some((c) => c.to === 'CLOSE_WAIT')) {
    const peerPart = peerTo === 'FIN_WAIT_2' ? `; the ${to} moves to FIN_WAIT_2 and waits for the ${from}'s FIN` : '';
    return `${cap(from)} acknowledges the ${to}'s FIN and enters CLOSE_WAIT: it may still send data${peerPart}`;
  }
  if (me.some((c) => c.to === 'CLOSING')) {
    let peerPart = '';
    if (peer.some((c) => c.to === 'CLOSING') && peerTo === 'TIME_WAIT') {
      peerPart = `; this segment follows the ${from}'s FIN, so the ${to} has received that FIN first (CLOSING) and now the ACK of its own (TIME_WAIT)`;
    } else if (peerTo === 'TIME_WAIT') peerPart = `; the ${to}'s FIN is acknowledged, so the ${to} enters TIME_WAIT`;
    return `${cap(from)} acknowledges the ${to}'s FIN while its own FIN is still unacknowledged: it enters CLOSING${peerPart}`;
  }
  if (me.some((c) => c.to === 'TIME_WAIT')) {
    const both = peerTo === 'TIME_WAIT' ? `: both sides are now in TIME_WAIT (simultaneous close)` : `: it enters TIME_WAIT`;
    return `${cap(from)} acknowledges the ${to}'s FIN${both}`;
  }
  if (peerTo === 'TIME_WAIT' && peer.some((c) => c.from === 'CLOSING')) {
    const both = x.senderState === 'TIME_WAIT' ? '; both sides are now in TIME_WAIT (simultaneous close)' : '';
    return `${cap(from)} acknowledges the ${to}'s FIN: the ${to} leaves CLOSING for TIME_WAIT${both}`;
  }
  if (peerTo === 'CLOSED') {
    return `${cap(from)} acknowledges the ${to}'s FIN: the ${to} is CLOSED; the ${from} stays in TIME_WAIT for 2 x MSL before the port can be reused`;
  }
  if (peerTo === 'FIN_WAIT_2') return `${cap(from)} acknowledges the ${to}'s FIN; the ${to} enters FIN_WAIT_2 and waits for the ${from}'s FIN`;
  return explainPlain(x);
}

function explainFin(x: TcpExplainInput, me: StateChange[], peerTo: string | undefined): string {
  const { from, to } = x;
  const data = x.len > 0 ? ` after ${x.len} more bytes` : '';
  const timeWait = peerTo === 'TIME_WAIT' ? `; the ${to} enters TIME_WAIT and will wait 2 x MSL before the port can be reused` : '';
  if (me.some((c) => c.to === 'CLOSE_WAIT') && lastTo(me) === 'LAST_ACK') {
    return `${cap(from)} acknowledges the ${to}'s FIN and closes its own side in the same segment (FIN+ACK): it enters LAST_ACK${timeWait}`;
  }
  if (lastTo(me) === 'LAST_ACK') return `${cap(from)} closes its side too (FIN)${data} and enters LAST_ACK${timeWait}`;
  if (lastTo(me) === 'FIN_WAIT_1') {
    if (x.crossing) {
      return `${cap(from)} closes its side (FIN)${data} before it has seen the ${to}'s FIN: the FINs cross (simultaneous close); it enters FIN_WAIT_1`;
    }
    return `${cap(from)} closes its side (FIN)${data}; it enters FIN_WAIT_1`;
  }
  return `${cap(from)} sends a FIN${data}`;
}

function explainPlain(x: TcpExplainInput): string {
  const { from, to, analysis: a } = x;
  if (a & A_KEEP_ALIVE) return `${cap(from)} sends a keep-alive probe (one byte before its next sequence number) to check that the ${to} is still there`;
  if (a & A_KEEP_ALIVE_ACK) return `${cap(from)} answers the keep-alive: it is still there`;
  if (a & A_ZERO_WINDOW_PROBE) return `${cap(from)} probes the ${to}'s zero window with ${x.len} byte${x.len === 1 ? '' : 's'}`;
  if (a & A_ZERO_WINDOW_PROBE_ACK) return `${cap(from)} answers the zero-window probe: its window is still closed`;
  if (a & A_ZERO_WINDOW) return `${cap(from)} advertises a zero window: its receive buffer is full and the ${to} must stop sending`;
  if (a & A_WINDOW_UPDATE) return `${cap(from)} opens its window again (window update): the ${to} may send more`;
  if (a & A_DUPLICATE_ACK) return `${cap(from)} repeats its acknowledgement of byte ${x.ack} (duplicate ACK): a segment is missing on its side`;
  if (x.len > 0) {
    const ooo = a & A_OUT_OF_ORDER ? ', out of order (a later segment came first)' : '';
    const full = a & A_WINDOW_FULL ? `; this fills the ${to}'s window` : '';
    const acks = x.ackAdvanced ? ` and acknowledges the ${to}'s data up to byte ${x.ack}` : '';
    return `${cap(from)} sends ${x.len} bytes (seq ${x.seq}:${x.nextSeq})${acks}${ooo}${full}`;
  }
  if (x.flags & ACK) return `${cap(from)} acknowledges the ${to}'s data up to byte ${x.ack}`;
  return `${cap(from)} sends a segment with no ACK`;
}
