// What Wireshark's TCP makes of a segment's payload, by default (tcp.desegment_tcp_streams,
// http.desegment_headers/body): the application dissector of the connection's port; HTTP
// and DNS messages reassembled across segments, shown in the segment that completes them
// (the others are "[TCP segment of a reassembled PDU]"); retransmitted and out-of-order
// segments not handed to any dissector; a payload cut by the snapshot length dissected alone.
import { A_FAST_RETRANSMISSION, A_OUT_OF_ORDER, A_RETRANSMISSION, A_SPURIOUS_RETRANSMISSION } from '../flows/analysis-flags.js';
import { httpMessageLength, looksLikeHttp, parseHead } from './http-message.js';

/** Wireshark's TCP port table for the protocols our dissectors know (the lower port is tried first). */
const WS_TCP_PORTS = new Map<number, string>([
  [21, 'ftp'],
  [22, 'ssh'],
  [25, 'smtp'],
  [43, 'whois'],
  [53, 'dns'],
  [80, 'http'],
  [554, 'rtsp'],
  [8080, 'http'],
]);

export function tcpPortProtocol(sport: number, dport: number): string | undefined {
  const [lo, hi] = sport <= dport ? [sport, dport] : [dport, sport];
  return WS_TCP_PORTS.get(lo) ?? WS_TCP_PORTS.get(hi);
}

/**
 * Segments Wireshark does not hand to a dissector (tcp.no_subdissector_on_error): its own
 * RETRANSMISSION and OUT_OF_ORDER flags; a fast or spurious retransmission carries another
 * flag internally, so it is dissected. When the whole payload was captured (reassembly on),
 * data already seen is not dissected again either: spurious retransmissions.
 */
function notDissected(analysis: number, reassembling: boolean): boolean {
  if (analysis & A_OUT_OF_ORDER) return true;
  if (analysis & A_SPURIOUS_RETRANSMISSION) return reassembling;
  return (analysis & A_RETRANSMISSION) !== 0 && (analysis & A_FAST_RETRANSMISSION) === 0;
}
/** A plain retransmission on a connection no dissector claims: Wireshark names its bytes "Retransmitted TCP segment data". */
export function retransmittedData(analysis: number, proto: string | undefined): boolean {
  return !proto && (analysis & A_RETRANSMISSION) !== 0 && (analysis & (A_FAST_RETRANSMISSION | A_SPURIOUS_RETRANSMISSION | A_OUT_OF_ORDER)) === 0;
}

/** A PDU that grows past this is given up (memory bound); its bytes show as data. */
const MAX_PDU = 16 << 20;

export interface TcpPdu {
  readonly protocol: string;
  /** The message's bytes (reassembled when it spanned segments). */
  readonly bytes: Uint8Array;
  /** Frames whose payload it came from, in order. */
  readonly frames: readonly number[];
  /** Cut by the snapshot length: the message is incomplete. */
  readonly truncated: boolean;
  /** For a message reassembled from several segments: each frame's share, in order. */
  readonly parts?: readonly { readonly frame: number; readonly length: number }[];
}

export interface TcpPayloadView {
  /** Protocols Wireshark lists after tcp at the top of the tree (Protocol Hierarchy order). */
  readonly layers: readonly string[];
  readonly pdus: readonly TcpPdu[];
  /** Part of a message completed in a later segment. */
  readonly partial: boolean;
  /**
   * A message that starts in this segment with its whole header but whose body comes
   * later: its first line (HTTP names it in the Info column before asking for the rest).
   */
  readonly partialHead?: string;
  /**
   * What the TCP tree notes about the payload's fate: the bytes of this segment that went into
   * a message reassembled across segments ("TCP segment data"), a retransmission not handed
   * to any dissector ("Retransmitted TCP segment data"), or a DNS message found in the
   * segment by tcp_dissect_pdus ("[PDU Size]").
   */
  readonly segmentData?: number;
  readonly retransmitted?: boolean;
  readonly pduSizes?: readonly number[];
}

export interface TcpSegmentInput {
  readonly flow: number;
  readonly dir: 0 | 1;
  readonly frame: number;
  readonly sport: number;
  readonly dport: number;
  /** tcp.analysis.* bits of the segment. */
  readonly analysis: number;
  readonly fin: boolean;
  /** A reset: its data is a cause in text, not handed to a dissector. */
  readonly rst?: boolean;
  /** The captured payload, and its length on the wire. */
  readonly payload: Uint8Array;
  readonly length: number;
  /** The application protocol our own dissectors found in the segment (for the ones not reassembled here). */
  readonly engineApp?: string;
}

interface Stream {
  chunks: Uint8Array[];
  size: number;
  frames: number[];
  /** The HTTP message waits for the end of the stream (no length given). */
  untilFin: boolean;
  /** Bytes the message at the front needs, once its headers told (no copying until then). */
  need: number;
}

const EMPTY: TcpPayloadView = { layers: [], pdus: [], partial: false };

export class TcpPdus {
  private readonly streams = new Map<string, Stream>();
  /** Directions ("flow|dir") that carried an HTTP request or response. */
  private readonly httpSeen = new Set<string>();
  /** Connections a heuristic gave a protocol, by flow id. */
  private readonly heuristic = new Map<number, string>();

  segment(s: TcpSegmentInput): TcpPayloadView {
    const key = `${s.flow}|${s.dir}`;
    let proto = tcpPortProtocol(s.sport, s.dport) ?? this.heuristic.get(s.flow);
    // Wireshark's HTTP heuristic (on by default): a connection on another port whose payload
    // starts like a request or status line is HTTP from then on.
    if (!proto && s.length > 0 && looksLikeHttp(s.payload)) this.heuristic.set(s.flow, (proto = 'http'));
    if (s.length === 0) return s.fin ? this.finish(key, proto) : EMPTY;
    if (s.rst) return EMPTY;
    if (notDissected(s.analysis, s.payload.length >= s.length)) return retransmittedData(s.analysis, proto) ? { layers: [], pdus: [], partial: false, retransmitted: true } : EMPTY;
    if (!proto) return { layers: ['data'], pdus: [], partial: false };
    if (proto !== 'http' && proto !== 'dns') return { layers: s.engineApp ? [s.engineApp] : [proto], pdus: [], partial: false };
    if (s.payload.length < s.length) {
      // Not all of it was captured: Wireshark cannot reassemble and dissects the piece alone.
      this.streams.delete(key);
      const pdu: TcpPdu = { protocol: proto, bytes: s.payload, frames: [s.frame], truncated: true };
      const short = proto === 'http' ? looksLikeHttp(s.payload) : s.payload.length < 2;
      if (proto === 'http' && short) this.httpSeen.add(key);
      return { layers: short ? [proto, '_ws.short'] : [proto], pdus: [pdu], partial: false };
    }
    let st = this.streams.get(key);
    if (!st) this.streams.set(key, (st = { chunks: [], size: 0, frames: [], untilFin: false, need: 0 }));
    st.chunks.push(s.payload.slice());
    st.size += s.payload.length;
    st.frames.push(s.frame);
    if (st.size > MAX_PDU) {
      this.streams.delete(key);
      return { layers: ['data'], pdus: [], partial: false };
    }
    if (st.size < st.need && !(st.untilFin && s.fin)) return { layers: [], pdus: [], partial: true, segmentData: s.payload.length };
    const v = this.drain(key, st, proto, s.fin);
    // Nothing completed: the whole segment waits in the reassembly.
    return v.partial && v.segmentData === undefined ? { ...v, segmentData: s.payload.length } : v;
  }

  /** Takes every complete message off the front of the stream. */
  private drain(key: string, st: Stream, proto: string, fin: boolean): TcpPayloadView {
    const buf = concat(st.chunks, st.size);
    const layers: string[] = [];
    const pdus: TcpPdu[] = [];
    let at = 0;
    st.need = 0;
    let multi = st.frames.length > 1;
    while (at < buf.length) {
      const rest = buf.subarray(at);
      let len: number | 'fin' | null;
      if (proto === 'dns') len = rest.length >= 2 ? 2 + ((rest[0]! << 8) | rest[1]!) : null;
      else if (looksLikeHttp(rest)) {
        len = httpMessageLength(rest);
        this.httpSeen.add(key);
      }
      // Before any message of the direction, HTTP asks for more until it has a whole first
      // line; after one, bytes that are not a message are a continuation.
      else len = rest.indexOf(10) < 0 && !this.httpSeen.has(key) ? null : rest.length;
      if (len === 'fin') {
        st.untilFin = true;
        len = fin ? rest.length : null;
      }
      if (len === null || len > rest.length) {
        st.need = len === null ? 0 : len;
        break;
      }
      const bytes = rest.slice(0, len);
      const parts = multi ? shares(st.chunks, st.frames, len) : undefined;
      pdus.push({ protocol: proto, bytes, frames: multi ? [...st.frames] : [st.frames[st.frames.length - 1]!], truncated: false, ...(parts ? { parts } : {}) });
      layers.push(...messageLayers(proto, bytes), ...(multi ? ['tcp.segments'] : []));
      at += len;
      // A second message in the same segment came in this frame alone.
      multi = false;
      st.frames = [st.frames[st.frames.length - 1]!];
    }
    const lastPart = pdus[0]?.parts?.at(-1)?.length;
    const notes = {
      ...(lastPart !== undefined ? { segmentData: lastPart } : {}),
      ...(proto === 'dns' ? { pduSizes: pdus.map((x) => x.bytes.length) } : {}),
    };
    if (at >= buf.length) {
      this.streams.delete(key);
      return { layers, pdus, partial: false, ...notes };
    }
    const left = buf.slice(at);
    st.chunks = [left];
    st.size = left.length;
    const startedHere = at > 0 || st.frames.length === 1;
    st.frames = [st.frames[st.frames.length - 1]!];
    const head = proto === 'http' && startedHere && st.need > 0 ? parseHead(left) : null;
    return { layers, pdus, partial: pdus.length === 0, ...notes, ...(head ? { partialHead: head.line } : {}) };
  }

  /** A FIN ends a message that runs to the end of the stream. */
  private finish(key: string, proto: string | undefined): TcpPayloadView {
    const st = this.streams.get(key);
    if (!st || !st.untilFin || !proto) return EMPTY;
    return this.drain(key, st, proto, true);
  }
}

/** Each frame's share of the first `len` bytes of a stream held as `chunks` (one per frame). */
function shares(chunks: readonly Uint8Array[], frames: readonly number[], len: number): { frame: number; length: number }[] {
  const out: { frame: number; length: number }[] = [];
  let left = len;
  for (let k = 0; k < chunks.length && left > 0; k++) {
    const n = Math.min(left, chunks[k]!.length);
    out.push({ frame: frames[k]!, length: n });
    left -= n;
  }
  return out;
}

function messageLayers(proto: string, bytes: Uint8Array): string[] {
  if (proto !== 'http') return [proto];
  const body = bodyProtocol(bytes);
  return body ? ['http', body] : ['http'];
}

/** The dissector Wireshark's media-type table gives an HTTP body (none when there is no body). */
function bodyProtocol(msg: Uint8Array): string | undefined {
  const h = httpHeaders(msg);
  if (!h || h.bodyLength === 0) return undefined;
  const type = (h.contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type.startsWith('text/') && type !== 'text/xml') return 'data-text-lines';
  if (type === 'application/json') return 'json';
  if (type === 'text/xml' || type === 'application/xml') return 'xml';
  return 'media';
}

function httpHeaders(msg: Uint8Array): { contentType?: string; bodyLength: number } | null {
  let end = -1;
  for (let k = 0; k + 3 < msg.length; k++) {
    if (msg[k] === 13 && msg[k + 1] === 10 && msg[k + 2] === 13 && msg[k + 3] === 10) {
      end = k + 4;
      break;
    }
  }
  if (end < 0) return null;
  const text = String.fromCharCode(...msg.subarray(0, Math.min(end, 65536)));
  const m = /\r\ncontent-type:[ \t]*([^\r\n]*)/i.exec(text);
  return { ...(m ? { contentType: m[1]! } : {}), bodyLength: msg.length - end };
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
