// The engine host's control channel: what only the session host (Electron main, or the
// `serve` process) may ask of it: which file to open or follow (paths are chosen by the
// session host, never by a renderer), where an export may be written, capture counters.
// The control port also serves every EngineMethods request; client ports (renderers,
// WebSocket bridges) serve EngineMethods only.
import { z } from 'zod';
import { EngineMethods } from './contract.js';
import { CaptureStatsDto } from './dto.js';

const Path = z.string().min(1).max(4096);
const Count = z.number().int().nonnegative();

export const EngineControlMethods = {
  /** Opens a capture file and starts loading it (progress and completion come as updates). */
  open: [z.object({ path: Path }), z.object({ size: z.number().nonnegative() })],
  /** Follows a capture file that grows while a capture runs (the capture process appends to it). */
  follow: [z.object({ path: Path, pollMs: z.number().int().min(10).max(5000).optional() }), z.object({})],
  /** The capture stopped: the rest of the file is read, then the session ends. */
  endFollow: [z.object({ stats: CaptureStatsDto.optional() }), z.object({ packets: Count })],
  /** Capture counters from the capture process (sent on with the updates; ISB on export). */
  stats: [CaptureStatsDto, z.object({})],
  /** Lets exportTo({ token }) write `path` (once). */
  grantExport: [z.object({ token: z.string().min(1).max(256), path: Path }), z.object({})],
  /** Where the load is: packets so far, whether it finished, the reader's error if any. */
  status: [z.object({}), z.object({ packets: Count, loaded: z.boolean(), error: z.string().optional() })],
  /** Forgets the open capture. */
  close: [z.object({}), z.object({})],
} as const;

/** Everything the control port serves. */
export const EngineControlAll = { ...EngineMethods, ...EngineControlMethods };

/** What a parent posts to the engine host, with one port transferred alongside. */
export interface EngineAttach {
  t: 'attach';
  /** 'control' = the session host; 'client' = a renderer or a bridge to one. */
  role: 'control' | 'client';
}

export function isEngineAttach(m: unknown): m is EngineAttach {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as { t?: unknown; role?: unknown };
  return o.t === 'attach' && (o.role === 'control' || o.role === 'client');
}
