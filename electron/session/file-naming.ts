// How saved and exported captures are named and which format a name implies.
import path from 'node:path';
import type { ExportSelection } from '../shared/contract.js';
import type { CaptureFormat } from './dialogs.js';

/** The format a file name asks for (`.pcap`/`.cap` pcap, `.pcapng` pcapng), else `fallback`. */
export function formatFor(file: string, fallback: CaptureFormat): CaptureFormat {
  const ext = path.extname(file).toLowerCase();
  return ext === '.pcap' || ext === '.cap' ? 'pcap' : ext === '.pcapng' ? 'pcapng' : fallback;
}

/** The part of an export's default file name that says what was exported. */
export function exportName(s: ExportSelection): string {
  switch (s.kind) {
    case 'range':
      return `packets-${s.first + 1}-${s.last + 1}`;
    case 'flow':
      return `flow-${s.flow}`;
    default:
      return s.kind;
  }
}
