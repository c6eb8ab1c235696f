// The one interface every capture backend implements (our Node-API libpcap binding, or
// `cap`). Only electron/capture/ imports a backend; everything else sees this interface.

export interface CaptureInterfaceInfo {
  readonly name: string;
  readonly description: string;
  readonly addresses: readonly string[];
  readonly loopback: boolean;
  readonly up: boolean;
  readonly running: boolean;
  readonly wireless: boolean;
}

export interface OpenOptions {
  readonly interface: string;
  readonly snaplen: number;
  readonly promiscuous: boolean;
  readonly immediate: boolean;
  readonly bufferSize: number;
  readonly filter: string;
}

/** One captured packet; `data` is a view valid only during the batch callback. */
export interface CapturedPacket {
  readonly tsSec: number;
  readonly tsNsec: number;
  readonly caplen: number;
  readonly wirelen: number;
  readonly data: Uint8Array;
}

export interface CaptureStats {
  readonly received: number;
  readonly droppedByKernel: number;
  readonly droppedByInterface: number;
  /** Packets the capture code itself could not keep (the native binding counts failed allocations). */
  readonly droppedByApplication?: number;
}

export interface LiveCapture {
  readonly linktype: number;
  readonly snaplen: number;
  /** True when timestamps come from the kernel with nanosecond resolution. */
  readonly nanoTimestamps: boolean;
  /** Starts delivering packets: one call per batch; `done` on the last one (after stop or an error). */
  start(onBatch: (packets: readonly CapturedPacket[], done: boolean, error?: string) => void): void;
  stop(): void;
  stats(): CaptureStats;
  close(): void;
}

export interface CaptureBackend {
  readonly name: 'native' | 'cap';
  /** What this backend cannot do, in words for the UI (empty when nothing is missing). */
  readonly limits: string;
  listInterfaces(): CaptureInterfaceInfo[];
  /** Validates a capture filter without an adapter; null when valid, else libpcap's message. */
  checkFilter(expression: string, linktype?: number): string | null;
  open(options: OpenOptions): LiveCapture;
}

/** A failure opening a capture, with a machine-readable reason for the preflight message. */
export class CaptureError extends Error {
  constructor(
    message: string,
    readonly reason: 'permission' | 'no-such-device' | 'not-up' | 'filter' | 'unavailable' | 'other',
  ) {
    super(message);
  }
}
