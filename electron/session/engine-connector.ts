// The session's view of an engine host: start one for a capture file (being opened, or
// growing during a live capture), have the host connect the renderer straight to it (a
// MessagePort in Electron, the WebSocket's 'engine' channel in serve), export through it,
// and learn when it dies. Each host implements this over the EngineLauncher.
import type { DissectionRequest, ExportSelection } from '../shared/contract.js';
import type { CaptureStatsDto } from '../shared/dto.js';
import type { CaptureFormat } from './dialogs.js';

export interface EngineSource {
  path: string;
  /** A live capture file that keeps growing until the capture stops. */
  live: boolean;
}

export interface EngineInstance {
  /** Writes the selection to `path` (chosen by the session through Dialogs, never the renderer). */
  exportTo(path: string, selection: ExportSelection, format: CaptureFormat): Promise<{ packets: number; bytes: number; commentsLost?: number }>;
  /** Writes the selection's dissections (text, CSV or JSON) to `path`. Hosts without it cannot export them. */
  exportDissections?(path: string, request: DissectionRequest): Promise<{ packets: number; bytes: number }>;
  /** The live capture ended: the engine reads the file to its end and stops following it (resolves then). */
  captureStopped?(stats?: CaptureStatsDto): Promise<void>;
  /** Live capture counters, shown with the updates and kept for the export's ISB. */
  captureStats?(stats: CaptureStatsDto): void;
  /** Called once when the host exits; `error` is set when it was not asked to (a crash). */
  onExit(fn: (error?: string) => void): void;
  /** Ends the host (closing the file); onExit then fires without an error. */
  kill(): void;
}

export interface EngineConnector {
  /**
   * Starts an engine for `source`. `beforeLoad` runs once the renderer is connected to the
   * new engine and before the file starts loading: the session announces the new capture
   * there, so the renderer resets its views before the first update, never after it.
   */
  open(source: EngineSource, beforeLoad?: () => void): Promise<EngineInstance>;
}
