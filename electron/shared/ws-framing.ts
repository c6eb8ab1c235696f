// The framing of `ackline serve`'s one WebSocket, which carries both RPC channels of the
// contract ('session' and 'engine', the rpc.ts messages unchanged). Imported by the serve
// host (Node) and by the renderer's browser transport alike, so both sides agree by
// construction.
//
// Two kinds of WebSocket message:
//  - text:   JSON {"c": channel, "m": message}, used when the message holds no bytes;
//  - binary: the same JSON with every Uint8Array replaced by {"$bin": k}, followed by the
//            arrays' bytes, so packet bytes and dropped files travel as bytes, not as JSON
//            number arrays:
//              u8      version (1)
//              u8      channel (0 = session, 1 = engine)
//              u32 LE  n = number of byte arrays
//              u32 LE  length of the JSON text in bytes
//              n × u32 LE  length of byte array k
//              JSON text (UTF-8)
//              byte array 0, byte array 1, … (no padding)
// The key "$bin" is reserved: encoding an object that has it throws rather than corrupt it.
// Decoding never throws: a frame that does not follow these rules yields undefined.

export type Channel = 'session' | 'engine';
export const CHANNELS: readonly Channel[] = ['session', 'engine'];

const VERSION = 1;
const BIN_KEY = '$bin';
/** Frames larger than this are refused on decode (server to page: rows, packet bytes). */
export const MAX_FRAME_BYTES = 512 * 1024 * 1024;
/**
 * The most a page may send in one WebSocket message, which the serve host makes the socket's
 * own limit (ws's maxPayload: a longer frame is refused from its header, before any of it is
 * buffered). Pages send requests only: the largest is a full set of preferences (256 colour
 * rules of 4 KiB filters, about 1.1 MB); files travel by HTTP upload, streamed to disk.
 */
export const MAX_TAB_FRAME_BYTES = 4 * 1024 * 1024;
const MAX_ARRAYS = 1_000_000;

export interface Frame {
  channel: Channel;
  message: unknown;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

/** Encodes one message of a channel: a string (no bytes inside) or a binary frame. */
export function encodeFrame(channel: Channel, message: unknown): string | Uint8Array {
  const arrays: Uint8Array[] = [];
  // The holder's own value, not `value`: toJSON has already turned a Node Buffer into
  // {type: 'Buffer', data: [...]} by the time the replacer sees `value`.
  const json = JSON.stringify({ c: channel, m: message }, function (this: Record<string, unknown>, key: string, value: unknown) {
    const own = this[key];
    if (own instanceof Uint8Array) {
      arrays.push(own);
      return { [BIN_KEY]: arrays.length - 1 };
    }
    if (typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, BIN_KEY))
      throw new Error(`ws-framing: the key "${BIN_KEY}" is reserved`);
    return value;
  });
  if (arrays.length === 0) return json;
  const text = enc.encode(json);
  const head = 10 + 4 * arrays.length;
  let total = head + text.length;
  for (const a of arrays) total += a.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out[0] = VERSION;
  out[1] = CHANNELS.indexOf(channel);
  view.setUint32(2, arrays.length, true);
  view.setUint32(6, text.length, true);
  arrays.forEach((a, k) => view.setUint32(10 + 4 * k, a.length, true));
  out.set(text, head);
  let at = head + text.length;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

/** Decodes a text or binary frame; undefined when it is not a valid frame. */
export function decodeFrame(data: string | ArrayBuffer | Uint8Array): Frame | undefined {
  if (typeof data === 'string') return fromJson(data, []);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length < 10 || bytes.length > MAX_FRAME_BYTES || bytes[0] !== VERSION) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(2, true);
  const textLen = view.getUint32(6, true);
  if (n > MAX_ARRAYS || 10 + 4 * n > bytes.length) return undefined;
  let at = 10 + 4 * n + textLen;
  if (at > bytes.length) return undefined;
  const arrays: Uint8Array[] = [];
  for (let k = 0; k < n; k++) {
    const len = view.getUint32(10 + 4 * k, true);
    if (at + len > bytes.length) return undefined;
    // A copy, so the message owns its bytes and does not pin the whole frame.
    arrays.push(bytes.slice(at, at + len));
    at += len;
  }
  if (at !== bytes.length) return undefined;
  let text: string;
  try {
    text = dec.decode(bytes.subarray(10 + 4 * n, 10 + 4 * n + textLen));
  } catch {
    return undefined;
  }
  const frame = fromJson(text, arrays);
  return frame && CHANNELS.indexOf(frame.channel) === bytes[1] ? frame : undefined;
}

function fromJson(text: string, arrays: readonly Uint8Array[]): Frame | undefined {
  let bad = false;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (_key, value: unknown) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, BIN_KEY)) {
        const k = (value as Record<string, unknown>)[BIN_KEY];
        const a = typeof k === 'number' ? arrays[k] : undefined;
        if (!a || Object.keys(value).length !== 1) bad = true;
        return a;
      }
      return value;
    });
  } catch {
    return undefined;
  }
  if (bad || typeof parsed !== 'object' || parsed === null) return undefined;
  const { c, m } = parsed as { c?: unknown; m?: unknown };
  if (c !== 'session' && c !== 'engine') return undefined;
  return { channel: c, message: m };
}

/** The codec as an object, the shape the renderer's browser transport takes. */
export const wsCodec = {
  encode: encodeFrame,
  decode: decodeFrame,
};
