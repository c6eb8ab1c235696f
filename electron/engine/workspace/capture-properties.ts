// Statistics › Capture File Properties: what capinfos says of the open file (format,
// encapsulation, packets, sizes, first and last packet, the SHB's hardware/OS/application
// and comments, each interface).
import { linktypeInfo } from '../../capfile/linktypes.js';
import type { FileFormat, FileInfo } from '../../capfile/types.js';
import type { CapturePropertiesDto } from '../../shared/stats-dto.js';
import type { CaptureIndex } from '../flows/capture-index.js';

const encapsulation = (linktype: number): string => linktypeInfo(linktype)?.description ?? `link-type ${linktype}`;

export function captureProperties(index: CaptureIndex, format: FileFormat | null, sections: readonly FileInfo[], displayed: number, marked: number): CapturePropertiesDto {
  const t = index.packets;
  let dataBytes = 0;
  let capturedBytes = 0;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < t.length; i++) {
    dataBytes += t.wirelen.get(i);
    capturedBytes += t.caplen.get(i);
    const s = t.sec(i) + t.nsec(i) / 1e9;
    if (s < first) first = s;
    if (s > last) last = s;
  }
  const ifaces = index.interfaces.filter((x) => x !== undefined);
  const shb = sections[0];
  const snaplens = [...new Set(ifaces.map((x) => x.snaplen))];
  return {
    format: format === 'pcapng' ? 'Wireshark/... - pcapng' : format === 'pcap' ? 'Wireshark/tcpdump/... - pcap' : 'unknown',
    encapsulations: [...new Set(ifaces.map((x) => encapsulation(x.linktype)))],
    packets: t.length,
    dataBytes,
    capturedBytes,
    ...(t.length ? { first, last } : {}),
    ...(snaplens.length === 1 && snaplens[0] ? { snaplen: snaplens[0] } : {}),
    ...(shb?.hardware ? { hardware: shb.hardware } : {}),
    ...(shb?.os ? { os: shb.os } : {}),
    ...(shb?.application ? { application: shb.application } : {}),
    comments: sections.flatMap((s) => s.comments ?? []),
    interfaces: ifaces.map((x) => ({ name: x.name ?? (format === 'pcap' ? '' : `interface ${x.id}`), description: x.description ?? '', linktype: encapsulation(x.linktype), snaplen: x.snaplen })),
    displayed,
    marked,
  };
}
