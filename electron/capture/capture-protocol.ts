// Messages between the capture process and its parent (Node IPC channel, JSON).
import type { CaptureStats } from './capture-backend.js';

export interface CaptureRequest {
  readonly interface: string;
  readonly filter: string;
  readonly snaplen: number;
  readonly promiscuous: boolean;
  readonly bufferSize: number;
  /** Stop after this many packets (0 = no limit). */
  readonly count: number;
  /** pcapng file the packets are appended to. */
  readonly file: string;
  readonly backend: 'auto' | 'native' | 'cap';
  /** Open the adapter, report 'started' (or the error), and exit: the preflight's real test. */
  readonly probe?: boolean;
}

export type ToCapture = { readonly type: 'stop' };

export type FromCapture =
  | { readonly type: 'started'; readonly linktype: number; readonly snaplen: number; readonly nano: boolean; readonly backend: string; readonly limits: string }
  /** Bytes of the file that are complete and flushed (the reader may read up to here). */
  | { readonly type: 'flushed'; readonly packets: number; readonly fileBytes: number }
  | { readonly type: 'stats'; readonly stats: CaptureStats; readonly packets: number }
  | { readonly type: 'error'; readonly reason: string; readonly message: string; readonly fix?: string }
  | { readonly type: 'stopped'; readonly stats: CaptureStats; readonly packets: number; readonly fileBytes: number };

export function isToCapture(m: unknown): m is ToCapture {
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'stop';
}
