// The explicit protocol index: every dissector and the table entries that reach it.
// No registration by import side effect: what is dispatched where is all here.
import { Registry } from '../dissect/registry.js';
import { ethernet } from './ethernet.js';

export function createRegistry(): Registry {
  const r = new Registry();
  // Link types (LINKTYPE_* values as stored in pcap/pcapng files).
  r.register('linktype', 1, ethernet);
  // --- registrations: keep one line per table entry, grouped by protocol file ---
  return r;
}
