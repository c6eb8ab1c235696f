// The session channel of one window as an rpc.ts Endpoint over ipcMain. Every incoming
// message is checked: it must come from this window's own top frame, showing our own page
// (ackline://app/), or it is dropped.
import type { IpcMain, IpcMainEvent, WebContents } from 'electron';
import type { Endpoint } from '../shared/rpc.js';
import { SESSION_CHANNEL } from '../shared/ipc-channels.js';
import { isOwnUrl } from './secure-window.js';

export function isTrustedSender(event: Pick<IpcMainEvent, 'sender' | 'senderFrame'>, contents: WebContents): boolean {
  const frame = event.senderFrame;
  if (event.sender !== contents || !frame) return false;
  // Only the top frame of this window: a sub-frame (there should be none) is not trusted.
  if (frame !== contents.mainFrame) return false;
  return isOwnUrl(frame.url);
}

export interface WindowEndpoint extends Endpoint {
  dispose(): void;
}

export function windowEndpoint(ipc: Pick<IpcMain, 'on' | 'removeListener'>, contents: WebContents): WindowEndpoint {
  let handler: ((m: unknown) => void) | undefined;
  const onMessage = (event: IpcMainEvent, message: unknown): void => {
    if (!isTrustedSender(event, contents)) return;
    handler?.(message);
  };
  ipc.on(SESSION_CHANNEL, onMessage);
  return {
    post(message) {
      if (!contents.isDestroyed()) contents.send(SESSION_CHANNEL, message);
    },
    listen(h) {
      handler = h;
    },
    dispose() {
      ipc.removeListener(SESSION_CHANNEL, onMessage);
    },
  };
}
