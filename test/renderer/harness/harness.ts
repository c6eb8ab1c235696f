// TEST-ONLY: the real renderer entry over the fake host, exposed as the Electron preload
// would expose it (window.ackline), so the Electron transport is what runs. ?packets=N
// opens a synthetic capture of N packets; window.__fake lets a test drive the host.
import { fakeBridge } from '../support/fake-client.js';
import type { FakeHost } from '../support/fake-host.js';

declare global {
  interface Window {
    __fake?: FakeHost;
  }
}

const packets = Number(new URLSearchParams(location.search).get('packets') ?? '0');
const { host, bridge } = fakeBridge({ packets });
window.ackline = bridge;
window.__fake = host;
await import('../../../renderer/src/main.js');
