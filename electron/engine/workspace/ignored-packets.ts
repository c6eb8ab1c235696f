// Edit › Ignore Packet (Wireshark's "ignored" frames): an ignored packet stays in the list as
// `<Ignored>` with no dissection, matches no display filter, and is left out of the
// statistics and of every export. The set is the user's, kept beside the capture.
import type { FieldNodeDto, RowDto } from '../../shared/dto.js';
import type { CaptureIndex } from '../flows/capture-index.js';
import type { PacketMatcher } from './packet-matcher.js';

export const IGNORED_INFO = '<Ignored>';

/** The row of an ignored packet: its number, time and length, nothing dissected. */
export function ignoredRow(r: RowDto): RowDto {
  return { ...r, src: '', dst: '', protocol: '', info: IGNORED_INFO, analysis: [], colorRule: -1, malformed: false, ignored: true };
}

/** The detail of an ignored packet: only its frame line, marked ignored (no protocol is dissected). */
export function ignoredTree(tree: readonly FieldNodeDto[]): FieldNodeDto[] {
  const frame = tree.find((n) => n.field === 'frame');
  if (!frame) return [];
  const kept = (frame.children ?? []).filter((c) => c.field === 'frame.number' || c.field === 'frame.len' || c.field === 'frame.cap_len');
  return [{ ...frame, children: [...kept, { field: 'frame.ignored', label: '[Frame is ignored: True]', offset: 0, length: 0, value: true }] }];
}

/** `m`, refusing every ignored packet (an undissected packet has no field to match). */
export function skipIgnored(m: PacketMatcher, ignored: ReadonlySet<number>): PacketMatcher {
  const out: PacketMatcher = {
    needsPacket: m.needsPacket,
    match: (index, i, packet) => !ignored.has(i) && m.match(index, i, packet),
  };
  const fast = m.matchIndex?.bind(m);
  const bytes = m.matchBytes?.bind(m);
  return {
    ...out,
    ...(fast && { matchIndex: (index: CaptureIndex, i: number) => (ignored.has(i) ? false : fast(index, i)) }),
    ...(bytes && { matchBytes: (index: CaptureIndex, i: number, data: Uint8Array) => (ignored.has(i) ? false : bytes(index, i, data)) }),
  };
}
