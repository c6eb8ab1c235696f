// The explicit protocol index: every dissector and the table entries that reach it.
// No registration by import side effect: what is dispatched where is all here.
import { Registry } from '../dissect/registry.js';
import { ethernet } from './ethernet.js';
import { ipv4 } from './ipv4.js';
import { tcp } from './tcp.js';
import { udp } from './udp.js';
import { http } from './http.js';
import { rtsp } from './rtsp.js';
import { ftp } from './ftp.js';
import { smtp } from './smtp.js';
import { whois } from './whois.js';
import { ssh } from './ssh.js';
import { linuxSll } from './linux-sll.js';
import { linuxSll2 } from './linux-sll2.js';
import { bsdLoop, bsdNull } from './bsd-loopback.js';
import { rawIp, rawIpv4, rawIpv6 } from './raw-ip.js';
import { ipcomp } from './ipcomp.js';
import { arp } from './arp.js';
import { icmp } from './icmp.js';
import { bootp } from './bootp.js';
import { dns, dnsTcp, mdns } from './dns.js';
import { ipv6 } from './ipv6.js';
import { icmpv6 } from './icmpv6.js';

export function createRegistry(): Registry {
  const r = new Registry();
  // Link types (LINKTYPE_* values as stored in pcap/pcapng files).
  r.register('linktype', 1, ethernet);
  r.register('linktype', 113, linuxSll);
  r.register('linktype', 276, linuxSll2);
  r.register('linktype', 0, bsdNull);
  r.register('linktype', 108, bsdLoop);
  r.register('linktype', 101, rawIp);
  r.register('linktype', 12, rawIp); // DLT_RAW on most BSDs
  r.register('linktype', 14, rawIp); // DLT_RAW on OpenBSD
  r.register('linktype', 228, rawIpv4);
  r.register('linktype', 229, rawIpv6);
  // IPv4 and the transports above it (ports in tcpdump's tcp_print/udp_print order = priority).
  r.register('ethertype', 0x0800, ipv4);
  r.register('ipproto', 4, ipv4); // IPv4-in-IPv4
  r.register('ipproto', 6, tcp);
  r.register('ipproto', 17, udp);
  r.register('ipproto', 108, ipcomp);
  r.register('tcpport', 25, smtp, 2);
  r.register('tcpport', 43, whois, 3);
  r.register('tcpport', 22, ssh, 7);
  r.register('tcpport', 21, ftp, 10);
  r.register('tcpport', 80, http, 11);
  r.register('tcpport', 8080, http, 11);
  r.register('tcpport', 554, rtsp, 12);
  r.register('tcpport', 8554, rtsp, 12);
  // --- registrations: keep one line per table entry, grouped by protocol file ---
  r.register('ethertype', 0x0806, arp); // ARP
  r.register('ethertype', 0x8035, arp); // RARP (print-ether.c hands both to arp_print)
  r.register('ipproto', 1, icmp); // ICMP
  r.register('udpport', 67, bootp, 5); // BOOTPS: udp_print tests DNS, mDNS, timed, TFTP first
  r.register('udpport', 68, bootp, 5); // BOOTPC
  r.register('udpport', 53, dns, 1); // first port udp_print tests
  r.register('tcpport', 53, dnsTcp, 13); // after RTSP in tcp_print
  r.register('udpport', 5353, mdns, 2); // mDNS: tested right after DNS (a 5353<->67 packet prints as mDNS in 4.99.3); LLMNR 5355 has no printer
  r.register('ethertype', 0x86dd, ipv6); // IPv6 (raw-IP link types hand over here too)
  r.register('ipproto', 41, ipv6); // IPv6-in-IPv4 / IPv6-in-IPv6
  r.register('ipproto', 58, icmpv6); // ICMPv6
  return r;
}
