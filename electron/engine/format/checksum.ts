// The Internet checksum (RFC 1071) used by IPv4, ICMP, TCP, UDP and ICMPv6.

/** One's-complement sum of `len` bytes at `off`, folded to 16 bits, not inverted; `initial` continues a sum. */
export function onesSum(data: Uint8Array, off: number, len: number, initial = 0): number {
  let sum = initial;
  const end = off + len;
  let i = off;
  for (; i + 1 < end; i += 2) sum += (data[i]! << 8) | data[i + 1]!;
  if (i < end) sum += data[i]! << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

/** The checksum over the bytes (0 when a packet that includes its checksum field is correct). */
export function internetChecksum(data: Uint8Array, off: number, len: number, initial = 0): number {
  return ~onesSum(data, off, len, initial) & 0xffff;
}

/** tcpdump's in_cksum_shouldbe: the value the checksum field should have held. */
export function checksumShouldBe(sum: number, computed: number): number {
  let s = sum + computed;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return s & 0xffff;
}

/** Sum of the TCP/UDP pseudo-header for IPv4 or IPv6 (addresses as raw bytes). */
export function pseudoHeaderSum(src: Uint8Array, dst: Uint8Array, proto: number, length: number): number {
  let sum = onesSum(src, 0, src.length) + onesSum(dst, 0, dst.length);
  if (src.length === 16) sum += (length >>> 16) + (length & 0xffff) + proto;
  else sum += proto + (length & 0xffff);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}
