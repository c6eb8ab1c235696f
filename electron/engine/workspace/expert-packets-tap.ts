// Analyze › Expert Information's entries with the packets they were raised on: the same
// expert items as `-z expert` (tshark/ws-expert.ts, through the TsharkPass), grouped by
// severity, group, protocol and summary, each keeping its first EXPERT_PACKETS packets so
// the window can go to them.
import { EXPERT_PACKETS, type ExpertEntryDto } from '../../shared/stats-dto.js';
import type { DrawContext, Tap, TapPacket } from '../tshark/tap.js';
import type { ExpertSeverity } from '../tshark/ws-expert.js';

const ORDER: readonly ExpertSeverity[] = ['error', 'warn', 'note', 'chat', 'comment'];

export class ExpertPacketsTap implements Tap {
  private readonly entries = new Map<string, ExpertEntryDto>();

  packet(p: TapPacket): void {
    for (const it of p.experts) {
      if (it.quoted) continue;
      const key = `${it.severity}|${it.group}|${it.protocol}|${it.summary}`;
      let e = this.entries.get(key);
      if (!e) this.entries.set(key, (e = { severity: it.severity, group: it.group, protocol: it.protocol, summary: it.summary, count: 0, packets: [] }));
      e.count++;
      // A packet with the same item twice (two dup-ACK numbers) is listed once.
      if (e.packets.length < EXPERT_PACKETS && e.packets[e.packets.length - 1] !== p.i) e.packets.push(p.i);
    }
  }

  /** Most severe first; within a severity in order of first appearance (as tshark's -z expert). */
  table(): ExpertEntryDto[] {
    const all = [...this.entries.values()];
    return ORDER.flatMap((s) => all.filter((e) => e.severity === s));
  }

  draw(_ctx: DrawContext, out: (text: string) => void): void {
    for (const e of this.table()) out(`${e.severity}\t${e.group}\t${e.protocol}\t${e.count}\t${e.summary}\n`);
  }
}
