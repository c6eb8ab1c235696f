// The preflight's real answer: start the capture process in probe mode (through the same
// launcher a capture would use) and see whether it can open the adapter.
import type { CaptureRequest, FromCapture } from '../shared/capture-protocol.js';
import { spawnCapture, type SpawnOptions } from './spawn-capture.js';

export interface ProbeResult {
  ok: boolean;
  reason?: string;
  message?: string;
  fix?: string;
}

export function probeCapture(iface: string, backend: CaptureRequest['backend'], spawn: SpawnOptions = {}, timeoutMs = 8000): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const proc = spawnCapture({ interface: iface, filter: '', snaplen: 262144, promiscuous: false, bufferSize: 1 << 20, count: 0, file: '', backend, probe: true }, spawn);
    let result: ProbeResult | null = null;
    const timer = setTimeout(() => {
      result ??= { ok: false, reason: 'other', message: 'the capture process did not answer' };
      proc.kill();
    }, timeoutMs);
    proc.onMessage((m: FromCapture) => {
      if (m.type === 'started') result ??= { ok: true };
      if (m.type === 'error') result ??= { ok: false, reason: m.reason, message: m.message, ...(m.fix ? { fix: m.fix } : {}) };
    });
    proc.onExit(() => {
      clearTimeout(timer);
      resolve(result ?? { ok: false, reason: 'other', message: 'the capture process ended without an answer' });
    });
  });
}
