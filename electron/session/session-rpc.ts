// Serves a Session over an Endpoint with the contract's SessionMethods/SessionEvents: the
// same wiring for Electron (ipcMain, per window) and serve (the socket's 'session' channel).
import { SessionEvents, SessionMethods } from '../shared/contract.js';
import { RpcServer, type Endpoint } from '../shared/rpc.js';
import type { Session } from './session.js';

export type SessionRpc = RpcServer<typeof SessionMethods, typeof SessionEvents>;

export function serveSession(endpoint: Endpoint, session: () => Session): SessionRpc {
  const s = session;
  return new RpcServer(endpoint, SessionMethods, SessionEvents, {
    info: () => s().info(),
    openPath: (p) => s().openPath(p),
    openDialog: () => s().openDialog(),
    openBytes: (p) => s().openBytes(p),
    openUpload: (p) => s().openUpload(p),
    samples: () => s().samples(),
    openSample: (p) => s().openSample(p),
    recentFiles: () => s().recentFiles(),
    removeRecent: (p) => s().removeRecent(p),
    save: (p) => s().save(p),
    markEdited: () => s().markEdited(),
    exportDissections: (p) => s().exportDissections(p),
    exportPackets: (p) => s().exportPackets(p),
    close: (p) => s().close(p),
    interfaces: () => s().interfaces(),
    preflight: (p) => s().preflight(p),
    grantCaptureRights: () => s().grantCaptureRights(),
    checkCaptureFilter: (p) => s().checkCaptureFilter(p),
    captureDefaults: () => s().captureDefaults(),
    startCapture: (p) => s().startCapture(p),
    stopCapture: () => s().stopCapture(),
    getPreferences: () => s().getPreferences(),
    setPreferences: (p) => s().setPreferences(p),
  });
}
