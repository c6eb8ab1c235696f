// The destination address of the IPv6 pseudo-header (RFC 8200 section 8.1): with a
// Routing header it is the final destination, the last address of the header (tcpdump's
// ip6_finddst in print-ip6.c). Shared by the ICMPv6, UDP and TCP checksum checks.
import type { Frame } from '../bytes/frame.js';

const HOPOPTS = 0;
const ROUTING = 43;
const FRAGMENT = 44;
const DSTOPTS = 60;
const MOBILITY_OLD = 62;
const MOBILITY = 135;

/** The 16 destination bytes to use in the pseudo-header of the IPv6 packet at `ip6` (a view into the frame). */
export function ipv6PseudoDst(f: Frame, ip6: number): Uint8Array {
  const d = f.data;
  let dst = ip6 + 24;
  let nh = d[ip6 + 6]!;
  let cp = ip6;
  let advance = 40;
  // Reads stop at the first missing byte, keeping the destination found so far (tcpdump's trunc: label).
  walk: while (cp < f.snapend) {
    cp += advance;
    switch (nh) {
      case HOPOPTS:
      case DSTOPTS:
      case MOBILITY_OLD:
      case MOBILITY:
        if (!f.has(cp, 2)) break walk;
        advance = (d[cp + 1]! + 1) << 3;
        nh = d[cp]!;
        break;
      case FRAGMENT:
        if (!f.has(cp, 1)) break walk;
        advance = 8;
        nh = d[cp]!;
        break;
      case ROUTING: {
        if (!f.has(cp, 4)) break walk;
        let len = d[cp + 1]!;
        const type = d[cp + 2]!;
        if ((type === 0 || type === 2) && len % 2 === 0) {
          len >>= 1;
          for (let i = 0, p = cp + 8; i < len && f.has(p, 16); i++, p += 16) dst = p;
        } else if (type === 4 && len % 2 === 0 && f.has(cp + 8, 16)) {
          dst = cp + 8; // segments are listed in reverse: [0] is the final destination
        }
        break walk;
      }
      default:
        break walk;
    }
  }
  return d.subarray(dst, dst + 16);
}
