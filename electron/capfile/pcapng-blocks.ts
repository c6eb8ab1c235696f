// Bodies of the pcapng blocks that are not packets: SHB options, IDB (with libpcap's exact
// option checks), ISB and NRB. The block framing (lengths, trailer, byte order) is checked
// by pcapng-reader.ts before any of these runs, so each gets a body [pos, end) that lies
// inside the block; every loop here is bounded by that end.
//
// Options are (code u16, length u16, value padded to 4 bytes). libpcap reads only the IDB's
// options and refuses the file when they are inconsistent; it never looks at the options of
// other blocks, so those are read leniently: a malformed option ends the option list and
// the block still counts.

import { ipv4String, ipv6String } from './ip-text.js';
import { tickScaleFromTsresol, MICRO_SCALE, type TickScale } from './timestamp.js';
import type { InterfaceStatistics, NameRecord, RawOption } from './types.js';

const OPT_ENDOFOPT = 0;
const OPT_COMMENT = 1;

const utf8 = new TextDecoder('utf-8');

/** A UTF-8 option string; trailing NULs (some writers pad with them) are dropped. */
function optionString(buf: Uint8Array, start: number, len: number): string {
  let end = start + len;
  while (end > start && buf[end - 1] === 0) end--;
  return utf8.decode(buf.subarray(start, end));
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** uint64 as a number (exact below 2^53, which any real counter is). */
const u64 = (view: DataView, pos: number, le: boolean): number =>
  le
    ? view.getUint32(pos + 4, true) * 4294967296 + view.getUint32(pos, true)
    : view.getUint32(pos, false) * 4294967296 + view.getUint32(pos + 4, false);

/** Options shared by SHB/ISB: comments plus every option kept raw. */
interface LenientOptions {
  readonly comments: string[];
  readonly raw: RawOption[];
}

/**
 * Walks an option list leniently, calling `each` for every option that fits; stops at
 * opt_endofopt or at the first option that would overrun `end`.
 */
function walkOptions(
  view: DataView,
  pos: number,
  end: number,
  le: boolean,
  each: (code: number, value: number, len: number) => void,
): void {
  while (end - pos >= 4) {
    const code = view.getUint16(pos, le);
    const len = view.getUint16(pos + 2, le);
    if (code === OPT_ENDOFOPT || pos + 4 + len > end) return;
    each(code, pos + 4, len);
    pos += 4 + pad4(len);
  }
}

function lenientOptions(buf: Uint8Array, view: DataView, pos: number, end: number, le: boolean,
  each?: (code: number, value: number, len: number) => void): LenientOptions {
  const out: LenientOptions = { comments: [], raw: [] };
  walkOptions(view, pos, end, le, (code, value, len) => {
    if (code === OPT_COMMENT) out.comments.push(optionString(buf, value, len));
    out.raw.push({ code, value: buf.slice(value, value + len) });
    each?.(code, value, len);
  });
  return out;
}

/** Reused holder for the options of a packet block. */
export interface PacketOptions {
  comments: string[] | undefined;
  flags: number | undefined;
}

/**
 * EPB/PB options (opt_comment 1, epb_flags 2) from [pos, end) into `out`; allocates only
 * when there is a comment, so packets without options cost nothing here.
 */
export function readPacketOptions(buf: Uint8Array, view: DataView, pos: number, end: number, le: boolean, out: PacketOptions): void {
  out.comments = undefined;
  out.flags = undefined;
  while (end - pos >= 4) {
    const code = view.getUint16(pos, le);
    const len = view.getUint16(pos + 2, le);
    if (code === OPT_ENDOFOPT || pos + 4 + len > end) return;
    if (code === OPT_COMMENT) (out.comments ??= []).push(optionString(buf, pos + 4, len));
    else if (code === 2 && len === 4) out.flags = view.getUint32(pos + 4, le);
    pos += 4 + pad4(len);
  }
}

export interface ShbOptions {
  hardware?: string;
  os?: string;
  application?: string;
  comments?: string[];
  rawOptions: RawOption[];
}

/** SHB options (shb_hardware 2, shb_os 3, shb_userappl 4, opt_comment 1); body after the 16 fixed bytes. */
export function readShbOptions(buf: Uint8Array, view: DataView, pos: number, end: number, le: boolean): ShbOptions {
  const out: ShbOptions = { rawOptions: [] };
  const opts = lenientOptions(buf, view, pos, end, le, (code, value, len) => {
    if (code === 2) out.hardware = optionString(buf, value, len);
    else if (code === 3) out.os = optionString(buf, value, len);
    else if (code === 4) out.application = optionString(buf, value, len);
  });
  out.rawOptions = opts.raw;
  if (opts.comments.length) out.comments = opts.comments;
  return out;
}

export interface IdbBody {
  linktype: number;
  snaplen: number;
  scale: TickScale;
  /** if_tsoffset, seconds. */
  tsOffset: number;
  name?: string;
  description?: string;
  comments?: string[];
  fcsLength?: number;
  rawOptions: RawOption[];
}

/**
 * The IDB body [pos, end), checked like libpcap's add_interface()/process_idb_options():
 * returns libpcap's error message instead of an IdbBody when it would refuse the block.
 */
export function readIdb(buf: Uint8Array, view: DataView, pos: number, end: number, le: boolean): IdbBody | string {
  const tooShort = 'block of type 1 in pcapng dump file is too short';
  if (end - pos < 8) return tooShort;
  const out: IdbBody = {
    linktype: view.getUint16(pos, le),
    snaplen: view.getUint32(pos + 4, le),
    scale: MICRO_SCALE,
    tsOffset: 0,
    rawOptions: [],
  };
  const comments: string[] = [];
  let sawTsresol = false;
  let sawTsoffset = false;
  pos += 8;
  while (pos < end) {
    if (end - pos < 4) return tooShort;
    const code = view.getUint16(pos, le);
    const len = view.getUint16(pos + 2, le);
    const value = pos + 4;
    if (end - value < pad4(len)) return tooShort;
    pos = value + pad4(len);
    switch (code) {
      case OPT_ENDOFOPT:
        if (len !== 0) return `Interface Description Block has opt_endofopt option with length ${len} != 0`;
        pos = end;
        continue;
      case 9: {
        if (len !== 1) return `Interface Description Block has if_tsresol option with length ${len} != 1`;
        if (sawTsresol) return 'Interface Description Block has more than one if_tsresol option';
        sawTsresol = true;
        const b = buf[value] ?? 0;
        const scale = tickScaleFromTsresol(b);
        if (!scale) {
          return b & 0x80
            ? `Interface Description Block if_tsresol option resolution 2^-${b & 0x7f} is too high`
            : `Interface Description Block if_tsresol option resolution 10^-${b} is too high`;
        }
        out.scale = scale;
        break;
      }
      case 14:
        if (len !== 8) return `Interface Description Block has if_tsoffset option with length ${len} != 8`;
        if (sawTsoffset) return 'Interface Description Block has more than one if_tsoffset option';
        sawTsoffset = true;
        out.tsOffset = Number(view.getBigInt64(value, le));
        break;
      case OPT_COMMENT:
        comments.push(optionString(buf, value, len));
        break;
      case 2:
        out.name = optionString(buf, value, len);
        break;
      case 3:
        out.description = optionString(buf, value, len);
        break;
      case 13:
        if (len >= 1) out.fcsLength = buf[value] ?? 0;
        break;
    }
    out.rawOptions.push({ code, value: buf.slice(value, value + len) });
  }
  if (comments.length) out.comments = comments;
  return out;
}

/** The parts of an ISB before interface-id mapping and timestamp conversion. */
export interface IsbBody {
  localInterfaceId: number;
  tsHi: number;
  tsLo: number;
  stats: Omit<InterfaceStatistics, 'interfaceId' | 'tsSec' | 'tsNsec'>;
}

/** ISB body: interface id, timestamp, then isb_* counters (u64) and comments. null if too short. */
export function readIsb(buf: Uint8Array, view: DataView, pos: number, end: number, le: boolean): IsbBody | null {
  if (end - pos < 12) return null;
  const counters: { -readonly [K in keyof IsbBody['stats']]: IsbBody['stats'][K] } = {};
  const names = ['', '', '', '', 'ifRecv', 'ifDrop', 'filterAccept', 'osDrop', 'usrDeliv'] as const;
  const opts = lenientOptions(buf, view, pos + 12, end, le, (code, value, len) => {
    const name = names[code];
    if (code >= 4 && code <= 8 && len === 8 && name) counters[name] = u64(view, value, le);
  });
  if (opts.comments.length) counters.comments = opts.comments;
  return {
    localInterfaceId: view.getUint32(pos, le),
    tsHi: view.getUint32(pos + 4, le),
    tsLo: view.getUint32(pos + 8, le),
    stats: counters,
  };
}

/** NRB records: nrb_record_ipv4 (1) and nrb_record_ipv6 (2), each an address then NUL-separated names. */
export function readNrb(buf: Uint8Array, view: DataView, pos: number, end: number, le: boolean): NameRecord[] {
  const out: NameRecord[] = [];
  while (end - pos >= 4) {
    const type = view.getUint16(pos, le);
    const len = view.getUint16(pos + 2, le);
    const value = pos + 4;
    if (type === 0 || value + len > end) break;
    const addrLen = type === 1 ? 4 : type === 2 ? 16 : 0;
    if (addrLen && len >= addrLen) {
      const address = addrLen === 4 ? ipv4String(buf, value) : ipv6String(buf, value);
      const names = optionString(buf, value + addrLen, len - addrLen)
        .split('\0')
        .filter((n) => n.length > 0);
      out.push({ address, names });
    }
    pos = value + pad4(len);
  }
  return out;
}
