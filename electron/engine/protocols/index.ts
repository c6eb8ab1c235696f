// electron/engine/protocols/: one dissector per protocol, each declaring its fields beside it.
//
// The explicit protocol index: every dissector and the table entries that reach it.
// No registration by import side effect: what is dispatched where is all here.
import { Registry } from '../dissect/registry.js';
import { IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_IPCOMP, IPPROTO_IPIP, IPPROTO_IPV6, IPPROTO_TCP, IPPROTO_UDP } from '../format/ipprotos.js';
import {
  DLT_RAW,
  DLT_RAW_OPENBSD,
  LINKTYPE_ETHERNET,
  LINKTYPE_IPV4,
  LINKTYPE_IPV6,
  LINKTYPE_LINUX_SLL,
  LINKTYPE_LINUX_SLL2,
  LINKTYPE_LOOP,
  LINKTYPE_NULL,
  LINKTYPE_RAW,
} from '../../capfile/linktypes.js';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_REVARP } from '../format/ethertypes.js';
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
import { VXLAN_PORT, vxlan } from './vxlan.js';

export function createRegistry(): Registry {
  const r = new Registry();
  // Link types (the LINKTYPE_* values pcap/pcapng files store; DLT_RAW as two systems number it).
  r.register('linktype', LINKTYPE_ETHERNET, ethernet);
  r.register('linktype', LINKTYPE_LINUX_SLL, linuxSll);
  r.register('linktype', LINKTYPE_LINUX_SLL2, linuxSll2);
  r.register('linktype', LINKTYPE_NULL, bsdNull);
  r.register('linktype', LINKTYPE_LOOP, bsdLoop);
  r.register('linktype', LINKTYPE_RAW, rawIp);
  r.register('linktype', DLT_RAW, rawIp);
  r.register('linktype', DLT_RAW_OPENBSD, rawIp);
  r.register('linktype', LINKTYPE_IPV4, rawIpv4);
  r.register('linktype', LINKTYPE_IPV6, rawIpv6);
  // IPv4 and the transports above it (ports in tcpdump's tcp_print/udp_print order = priority).
  r.register('ethertype', ETHERTYPE_IPV4, ipv4);
  r.register('ipproto', IPPROTO_IPIP, ipv4); // IPv4-in-IPv4
  r.register('ipproto', IPPROTO_TCP, tcp);
  r.register('ipproto', IPPROTO_UDP, udp);
  r.register('ipproto', IPPROTO_IPCOMP, ipcomp);
  r.register('tcpport', 25, smtp, 2);
  r.register('tcpport', 43, whois, 3);
  r.register('tcpport', 22, ssh, 7);
  r.register('tcpport', 21, ftp, 10);
  r.register('tcpport', 80, http, 11);
  r.register('tcpport', 8080, http, 11);
  r.register('tcpport', 554, rtsp, 12);
  r.register('tcpport', 8554, rtsp, 12);
  // --- registrations: keep one line per table entry, grouped by protocol file ---
  r.register('ethertype', ETHERTYPE_ARP, arp);
  r.register('ethertype', ETHERTYPE_REVARP, arp); // print-ether.c hands both to arp_print
  r.register('ipproto', IPPROTO_ICMP, icmp);
  r.register('udpport', 67, bootp, 5); // BOOTPS: udp_print tests DNS, mDNS, timed, TFTP first
  r.register('udpport', 68, bootp, 5); // BOOTPC
  r.register('udpport', 53, dns, 1); // first port udp_print tests
  r.register('tcpport', 53, dnsTcp, 13); // after RTSP in tcp_print
  r.register('udpport', 5353, mdns, 2); // mDNS: tested right after DNS (a 5353<->67 packet prints as mDNS in 4.99.3); LLMNR 5355 has no printer
  r.register('ethertype', ETHERTYPE_IPV6, ipv6); // raw-IP link types hand over here too
  r.register('ipproto', IPPROTO_IPV6, ipv6); // IPv6-in-IPv4 / IPv6-in-IPv6
  r.register('ipproto', IPPROTO_ICMPV6, icmpv6);
  r.register('udpport', VXLAN_PORT, vxlan, 53); // late in udp_print's chain (after DNS, BOOTP, NTP, ... syslog, OTV)
  return r;
}

let shared: Registry | undefined;

/** One registry for the code that only reads it (the capture index, the field registry). */
export function protocolRegistry(): Registry {
  return (shared ??= createRegistry());
}
