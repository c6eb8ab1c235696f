// The one-line descriptions tcpdump's print-icmp.c builds for each ICMP type (RFC 792,
// RFC 1191 need-to-frag MTU, RFC 1256 router discovery, RFC 950 address mask).
// Not a dissector: icmp.ts prints `ICMP <text>, length N` around it.
import type { Frame } from '../bytes/frame.js';
import { ipv4String } from '../format/addresses.js';
import { IPPROTO_TCP, IPPROTO_UDP } from '../format/ipprotos.js';

export const ICMP_ECHOREPLY = 0;
export const ICMP_UNREACH = 3;
export const ICMP_SOURCEQUENCH = 4;
export const ICMP_REDIRECT = 5;
export const ICMP_ECHO = 8;
export const ICMP_ROUTERADVERT = 9;
export const ICMP_TIMXCEED = 11;
export const ICMP_PARAMPROB = 12;
export const ICMP_TSTAMP = 13;
export const ICMP_TSTAMPREPLY = 14;
export const ICMP_MASKREPLY = 18;

/** icmp2str: the types that print as a fixed name. */
const ICMP2STR: ReadonlyMap<number, string> = new Map([
  [0, 'echo reply'],
  [4, 'source quench'],
  [8, 'echo request'],
  [10, 'router solicitation'],
  [13, 'time stamp request'],
  [14, 'time stamp reply'],
  [15, 'information request'],
  [16, 'information reply'],
  [17, 'address mask request'],
]);

/** Unreachable codes whose text is a fixed pattern around the quoted destination. */
const UNREACH: ReadonlyMap<number, [string, string]> = new Map([
  [0, ['net ', ' unreachable']],
  [1, ['host ', ' unreachable']],
  [5, ['', ' unreachable - source route failed']],
  [6, ['net ', ' unreachable - unknown']],
  [7, ['host ', ' unreachable - unknown']],
  [8, ['', ' unreachable - source host isolated']],
  [9, ['net ', ' unreachable - admin prohibited']],
  [10, ['host ', ' unreachable - admin prohibited']],
  [11, ['net ', ' unreachable - tos prohibited']],
  [12, ['host ', ' unreachable - tos prohibited']],
  [13, ['host ', ' unreachable - admin prohibited filter']],
  [14, ['host ', ' unreachable - host precedence violation']],
  [15, ['host ', ' unreachable - precedence cutoff']],
]);

const REDIRECT: ReadonlyMap<number, [string, string]> = new Map([
  [0, ['redirect', 'net']],
  [1, ['redirect', 'host']],
  [2, ['redirect-tos', 'net']],
  [3, ['redirect-tos', 'host']],
]);

/** Offsets inside the ICMP message. */
const OFF_HUN = 4; // id/seq, gateway, pointer, next-hop MTU, router-adv header
const OFF_IP = 8; // the quoted IP header of error messages, or the timestamps/mask
const OFF_IP_P = OFF_IP + 9;
const OFF_IP_DST = OFF_IP + 16;

/** icmp_tstamp_print: milliseconds since midnight UTC as hh:mm:ss.mmm. */
export function tstampString(t: number): string {
  const msec = t % 1000;
  let sec = Math.floor(t / 1000);
  let min = Math.floor(sec / 60);
  sec -= min * 60;
  const hrs = Math.floor(min / 60);
  min -= hrs * 60;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${p2(hrs)}:${p2(min)}:${p2(sec)}.${String(msec).padStart(3, '0')}`;
}

/** Router advertisement lifetime as tcpdump writes it (s, m:ss or h:mm:ss). */
function lifetimeString(l: number): string {
  const p2 = (n: number): string => String(n).padStart(2, '0');
  if (l < 60) return `${l}`;
  if (l < 3600) return `${Math.floor(l / 60)}:${p2(l % 60)}`;
  return `${Math.floor(l / 3600)}:${p2(Math.floor((l % 3600) / 60))}:${p2(l % 60)}`;
}

/**
 * The text after `ICMP ` for the message at `bp`. Reads go through the bounds-checked
 * frame, so a message cut short throws `Truncated` before anything is printed, as
 * tcpdump builds this text in a buffer and longjmps out on a failed GET.
 */
export function icmpText(f: Frame, bp: number, type: number, code: number): string {
  const d = f.data;
  const ipAt = (o: number): string => {
    f.check(o, 4);
    return ipv4String(d, o);
  };
  switch (type) {
    case ICMP_ECHO:
    case ICMP_ECHOREPLY:
      return `echo ${type === ICMP_ECHO ? 'request' : 'reply'}, id ${f.be16(bp + OFF_HUN)}, seq ${f.be16(bp + OFF_HUN + 2)}`;
    case ICMP_UNREACH:
      return unreachText(f, bp, code, ipAt);
    case ICMP_REDIRECT: {
      const r = REDIRECT.get(code);
      const dst = ipAt(bp + OFF_IP_DST);
      const gw = ipAt(bp + OFF_HUN);
      return r ? `${r[0]} ${dst} to ${r[1]} ${gw}` : `redirect-#${code} ${dst} to ${gw}`;
    }
    case ICMP_ROUTERADVERT: {
      f.check(bp + OFF_HUN, 4);
      let s = `router advertisement lifetime ${lifetimeString(f.be16(bp + OFF_HUN + 2))}`;
      let num = f.u8(bp + OFF_HUN);
      s += ` ${num}:`;
      const size = f.u8(bp + OFF_HUN + 1);
      if (size !== 2) return `${s} [size ${size}]`;
      // num is at most 255, so this loop is bounded.
      for (let p = bp + OFF_IP; num > 0; num--, p += 8) {
        f.check(p, 8);
        s += ` {${ipv4String(d, p)} ${f.be32(p + 4)}}`;
      }
      return s;
    }
    case ICMP_TIMXCEED:
      f.check(bp + OFF_IP_DST, 4);
      if (code === 0) return 'time exceeded in-transit';
      if (code === 1) return 'ip reassembly time exceeded';
      return `time exceeded-#${code}`;
    case ICMP_PARAMPROB:
      return code ? `parameter problem - code ${code}` : `parameter problem - octet ${f.u8(bp + OFF_HUN)}`;
    case ICMP_MASKREPLY:
      return `address mask is 0x${f.be32(bp + OFF_IP).toString(16).padStart(8, '0')}`;
    case ICMP_TSTAMP:
      return `time stamp query id ${f.be16(bp + OFF_HUN)} seq ${f.be16(bp + OFF_HUN + 2)}`;
    case ICMP_TSTAMPREPLY: {
      f.check(bp + 16, 4);
      const o = tstampString(f.be32(bp + 8));
      const r = tstampString(f.be32(bp + 12));
      const x = tstampString(f.be32(bp + 16));
      return `time stamp reply id ${f.be16(bp + OFF_HUN)} seq ${f.be16(bp + OFF_HUN + 2)}: org ${o}, recv ${r}, xmit ${x}`;
    }
    default:
      return ICMP2STR.get(type) ?? `type-#${type}`;
  }
}

function unreachText(f: Frame, bp: number, code: number, ipAt: (o: number) => string): string {
  switch (code) {
    case 2: {
      const dst = ipAt(bp + OFF_IP_DST);
      return `${dst} protocol ${f.u8(bp + OFF_IP_P)} unreachable`;
    }
    case 3: {
      // The quoted transport header's destination port, after the quoted IP header.
      f.u8(bp + OFF_IP_P);
      const hlen = (f.u8(bp + OFF_IP) & 0x0f) * 4;
      const dport = f.be16(bp + OFF_IP + hlen + 2);
      const proto = f.u8(bp + OFF_IP_P);
      const dst = ipAt(bp + OFF_IP_DST);
      if (proto === IPPROTO_TCP) return `${dst} tcp port ${dport} unreachable`;
      if (proto === IPPROTO_UDP) return `${dst} udp port ${dport} unreachable`;
      return `${dst} protocol ${proto} port ${dport} unreachable`;
    }
    case 4: {
      const mtu = f.be16(bp + OFF_HUN + 2);
      const dst = ipAt(bp + OFF_IP_DST);
      return mtu ? `${dst} unreachable - need to frag (mtu ${mtu})` : `${dst} unreachable - need to frag`;
    }
    default: {
      const dst = ipAt(bp + OFF_IP_DST);
      const u = UNREACH.get(code);
      return u ? `${u[0]}${dst}${u[1]}` : `${dst} unreachable - #${code}`;
    }
  }
}
