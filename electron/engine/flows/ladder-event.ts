// The ladder diagram's data: two lanes (left = the side that started the conversation:
// client, requester), one event per packet (or ghost for a segment the capture missed).
import type { BackoffVerdict, ResentKind } from './tcp-backoff.js';
import type { TcpState } from './tcp-states.js';

export interface LadderEndpoint {
  readonly address: string;
  /** Port (TCP/UDP), 0 when none. */
  readonly port: number;
  /** client, server, requester, responder, DHCP client, DHCP server, ... */
  readonly role: string;
}

export interface LadderEvent {
  readonly kind: 'packet' | 'ghost';
  /** Frame number (1-based); 0 for a ghost. */
  readonly frame: number;
  /** Packet index; -1 for a ghost. */
  readonly index: number;
  /** Seconds since the epoch, nine decimals (frame.time_epoch); a ghost takes the next packet's time. */
  readonly time: string;
  /** Seconds since the flow's first packet. */
  readonly rel: number;
  /** True when the packet goes from the left lane to the right one. */
  readonly leftToRight: boolean;
  /** tcpdump's flags for TCP (`S`, `S.`, `P.`), else the message (`who-has`, `DHCPDISCOVER`, `echo request`). */
  readonly label: string;
  /** Relative sequence numbers as Wireshark shows them (TCP only). */
  readonly seq?: number;
  readonly nextSeq?: number;
  readonly ack?: number;
  readonly len: number;
  /** Raw window field, and scaled by the sender's window scale when the handshake was seen. */
  readonly window?: number;
  readonly scaledWindow?: number;
  /** tcp.analysis.* names set on the packet (ghosts: the flag of the packet that revealed them). */
  readonly analysis: readonly string[];
  /** TCP: each lane's state after the event. */
  readonly states?: { readonly left: TcpState; readonly right: TcpState };
  /** TCP: states a lane passed through during the event, before `states` (FIN_WAIT_1 -> CLOSING -> TIME_WAIT). */
  readonly via?: { readonly left?: readonly TcpState[]; readonly right?: readonly TcpState[] };
  /** TCP: what changed, e.g. "client: SYN_SENT -> ESTABLISHED (received SYN-ACK)". */
  readonly changes: readonly string[];
  readonly explanation: string;
}

export interface BackoffSummary {
  readonly from: 'left' | 'right';
  readonly what: ResentKind;
  /** Relative sequence range of the resent segment. */
  readonly seq: number;
  readonly len: number;
  readonly frames: readonly number[];
  readonly sends: number;
  readonly verdict: BackoffVerdict;
  readonly sentence: string;
}

export interface Ladder {
  readonly flow: number;
  readonly kind: string;
  readonly left: LadderEndpoint;
  readonly right: LadderEndpoint;
  /** Absolute start (epoch seconds, nine decimals). */
  readonly start: string;
  readonly outcome?: string;
  /** Plain-language lines about the whole conversation (outcome, handshake, back-off). */
  readonly summary: readonly string[];
  readonly backoff: readonly BackoffSummary[];
  readonly events: readonly LadderEvent[];
}

/** Seconds since the epoch as tshark's frame.time_epoch prints them. */
export function epochString(sec: number, nsec: number): string {
  return `${sec + Math.floor(nsec / 1e9)}.${String(nsec % 1e9).padStart(9, '0')}`;
}

/** A duration for sentences: "4.0 s", "0.208 s", "31 us". */
export function seconds(s: number): string {
  if (s >= 1) return `${s.toFixed(s >= 10 ? 1 : s < 1.95 ? 2 : 1)} s`;
  if (s >= 0.001) return `${(s * 1000).toFixed(s >= 0.01 ? 0 : 1)} ms`;
  return `${Math.round(s * 1e6)} us`;
}
