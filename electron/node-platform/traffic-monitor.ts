// Packets per second of every interface, once a second, for the capture-options sparklines
// (Wireshark draws the same from dumpcap's interface statistics). Read from the kernel's
// counters (/proc/net/dev on Linux), so it needs no capture rights and opens no adapter;
// elsewhere there are no rates and the sparklines stay flat.
import { readFile } from 'node:fs/promises';

/**
 * Parses /proc/net/dev into the packets a capture on each interface sees: received + sent,
 * except on lo, where every packet is counted as sent and again as received but captured once.
 */
export function parseNetDev(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    // Receive: bytes packets …(8 fields); transmit: bytes packets …
    const rx = f[1];
    const tx = f[9];
    if (name && rx !== undefined && tx !== undefined && Number.isFinite(rx) && Number.isFinite(tx)) out.set(name, name === 'lo' ? rx : rx + tx);
  }
  return out;
}

export class TrafficMonitor {
  private readonly listeners = new Set<(rates: Record<string, number>) => void>();
  private timer: NodeJS.Timeout | undefined;
  private last: { at: number; counts: Map<string, number> } | undefined;

  constructor(
    private readonly read: () => Promise<string> = () => readFile('/proc/net/dev', 'utf8'),
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts sampling with the first subscriber, stops with the last; returns unsubscribe. */
  subscribe(fn: (rates: Record<string, number>) => void): () => void {
    this.listeners.add(fn);
    if (!this.timer && process.platform === 'linux') {
      void this.sample();
      this.timer = setInterval(() => void this.sample(), this.intervalMs);
      this.timer.unref();
    }
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
        this.last = undefined;
      }
    };
  }

  /** One sample: rates since the previous one (none on the first). */
  async sample(): Promise<Record<string, number> | undefined> {
    let counts: Map<string, number>;
    try {
      counts = parseNetDev(await this.read());
    } catch {
      return undefined;
    }
    const at = this.now();
    const prev = this.last;
    this.last = { at, counts };
    if (!prev || at <= prev.at) return undefined;
    const rates: Record<string, number> = {};
    let any = 0;
    for (const [name, n] of counts) {
      const before = prev.counts.get(name);
      if (before === undefined || n < before) continue;
      rates[name] = Math.round(((n - before) * 1000) / (at - prev.at));
      any += rates[name];
    }
    // The pseudo-interface `any` captures on all of them (it has no line of its own).
    if (!counts.has('any')) rates.any = any;
    for (const fn of this.listeners) fn(rates);
    return rates;
  }
}
