// For the live benchmark: an engine host (worker thread, the same code `serve` uses)
// following the capture file, counting the batched updates it sends toward the renderer.
import path from 'node:path';
import { WorkerEngineLauncher } from '../../electron/node-platform/worker-engine-launcher.js';
import { EngineEvents } from '../../electron/shared/contract.js';
import { EngineControlAll } from '../../electron/shared/engine-control.js';
import { RpcClient } from '../../electron/shared/rpc.js';

export async function followFile(root: string, file: string): Promise<{ stop(): Promise<{ updates: number; seconds: number; packets: number }> }> {
  const handle = new WorkerEngineLauncher({ entry: path.join(root, 'out/cli/engine-worker.mjs') }).start();
  const control = new RpcClient<typeof EngineControlAll, typeof EngineEvents>(handle.port, EngineEvents, false);
  let updates = 0;
  let packets = 0;
  control.on('update', (u) => {
    updates++;
    packets = u.packets;
  });
  await control.call('follow', { path: file, pollMs: 50 });
  const t0 = performance.now();
  return {
    async stop() {
      const end = await control.call('endFollow', {});
      const seconds = (performance.now() - t0) / 1000;
      handle.kill();
      return { updates, seconds, packets: Math.max(packets, end.packets) };
    },
  };
}
