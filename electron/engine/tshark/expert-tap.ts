// Analyze > Expert Information, and `tshark -q -z expert[,error|warn|note|chat][,FILTER]`:
// the expert items of the packets, counted by severity, protocol and summary, most severe
// first, in order of first appearance (tshark 4.0, ui/cli/tap-expert.c). tshark keeps the
// lowest level shown in one global that every `-z expert,LEVEL` sets, so the last one given
// applies to all expert views: ExpertLevel is that shared setting.
import type { CompiledFilter } from '../filter/compile-filter.js';
import { padLeft } from './c-format.js';
import { tapMatches, type DrawContext, type Tap, type TapPacket } from './tap.js';
import type { ExpertSeverity } from './ws-expert.js';

export interface ExpertEntry {
  readonly severity: ExpertSeverity;
  readonly group: string;
  readonly protocol: string;
  readonly summary: string;
  frequency: number;
}

// Comments (packet comments) are the least severe level, after chats.
const ORDER: readonly ExpertSeverity[] = ['error', 'warn', 'note', 'chat', 'comment'];
const LABELS: Record<ExpertSeverity, string> = { error: 'Errors', warn: 'Warns', note: 'Notes', chat: 'Chats', comment: 'Comments' };

/** The least severe level the expert views show (tshark's lowest_report_level); comment shows all. */
export interface ExpertLevel {
  level: ExpertSeverity;
}

export class ExpertTap implements Tap {
  private readonly entries = new Map<string, ExpertEntry>();

  constructor(
    /** Shared by every expert view of one run (see above). */
    readonly shown: ExpertLevel = { level: 'comment' },
    readonly filter: CompiledFilter | null = null,
  ) {}

  packet(p: TapPacket): void {
    if (!tapMatches(this.filter, p)) return;
    const lowest = ORDER.indexOf(this.shown.level);
    for (const it of p.experts) {
      if (it.quoted) continue;
      if (ORDER.indexOf(it.severity) > lowest) continue;
      // One entry per severity, protocol and summary: the group of its first item is kept.
      const key = `${it.severity}|${it.protocol}|${it.summary}`;
      const e = this.entries.get(key);
      if (e) e.frequency++;
      else this.entries.set(key, { ...it, frequency: 1 });
    }
  }

  /** The entries of each severity, in order of first appearance. */
  table(): Record<ExpertSeverity, ExpertEntry[]> {
    const all = [...this.entries.values()];
    return { error: all.filter((e) => e.severity === 'error'), warn: all.filter((e) => e.severity === 'warn'), note: all.filter((e) => e.severity === 'note'), chat: all.filter((e) => e.severity === 'chat'), comment: all.filter((e) => e.severity === 'comment') };
  }

  draw(_ctx: DrawContext, out: (text: string) => void): void {
    const t = this.table();
    for (const sev of ORDER) {
      const rows = t[sev];
      if (!rows.length) continue;
      const total = rows.reduce((n, e) => n + e.frequency, 0);
      let s = `\n${LABELS[sev]} (${total})\n=============\n   Frequency      Group           Protocol  Summary\n`;
      // "%12d %10s %18s  %s"
      for (const e of rows) s += `${padLeft(e.frequency, 12)} ${padLeft(e.group, 10)} ${padLeft(e.protocol, 18)}  ${e.summary}\n`;
      out(s);
    }
  }
}
