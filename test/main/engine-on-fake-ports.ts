// Serves the REAL engine host (EngineHost, as the utility process runs it) on the fake
// utility process's ports, so the Electron glue tests open, read and export real files.
import type { MessagePortMain } from 'electron';
import { EngineHost } from '../../electron/engine-process/engine-host.js';
import { isEngineAttach } from '../../electron/shared/engine-control.js';
import { mainPortEndpoint } from '../../electron/engine-process/utility-entry.js';
import type { FakePort, FakeUtilityProcess } from './fake-electron.js';

export function serveRealEngines(Utility: typeof FakeUtilityProcess): Map<FakeUtilityProcess, EngineHost> {
  const hosts = new Map<FakeUtilityProcess, EngineHost>();
  Utility.onAttach = (msg: unknown, port: FakePort, child: FakeUtilityProcess) => {
    if (!isEngineAttach(msg)) return;
    let host = hosts.get(child);
    if (!host) {
      host = new EngineHost();
      hosts.set(child, host);
      const h = host;
      child.once('exit', () => void h.close());
    }
    host.attach(mainPortEndpoint(port as unknown as MessagePortMain), msg.role);
  };
  return hosts;
}
