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

/**
 * A file's name without a trailing `.gz`: a compressed capture is shown inflated, and is
 * saved or exported uncompressed, so names made from it must not claim gzip.
 */
export function plainName(file: string): string {
  const base = path.basename(file);
  return /\.gz$/i.test(base) && base.length > 3 ? base.slice(0, -3) : base;
}
