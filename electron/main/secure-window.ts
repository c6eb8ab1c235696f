// Electron's security checklist in one place, applied to every window we create: the
// webPreferences, navigation and new-window denial, permission denial, no <webview>, and
// the test for "is this IPC message from our own page?".
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

/** Our pages are served by the privileged ackline:// scheme (app-protocol.ts), never file://. */
export const APP_SCHEME = 'ackline';
export const APP_HOST = 'app';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

export function webPreferences(preload: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/** True when `url` is a page of ours (compared as a parsed URL, never by prefix). */
export function isOwnUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Navigation away, new windows and <webview> are all refused; links open nothing. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Packet data is untrusted: a link in a payload must never reach shell.openExternal.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** We need no camera, microphone, notifications, geolocation …: deny every request and check. */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}
