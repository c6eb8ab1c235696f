// The explicit protocol index: every dissector and the table entries that reach it.
// No registration by import side effect: what is dispatched where is all here.
import { Registry } from '../dissect/registry.js';
import { ethernet } from './ethernet.js';
import { arp } from './arp.js';

export function createRegistry(): Registry {
  const r = new Registry();
  // Link types (LINKTYPE_* values as stored in pcap/pcapng files).
  r.register('linktype', 1, ethernet);
  // --- registrations: keep one line per table entry, grouped by protocol file ---
  r.register('ethertype', 0x0806, arp); // ARP
  r.register('ethertype', 0x8035, arp); // RARP (print-ether.c hands both to arp_print)
  return r;
}
