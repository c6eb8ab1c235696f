// Serves the renderer bundle under ackline://app/ (a standard, secure scheme of our own, as
// VS Code does with vscode-file://): a real origin to validate IPC senders against, and a
// place to send the CSP header with every response. Only files inside the bundle are served.
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CSP } from '../renderer-files/csp.js';
import { resolveStatic } from '../renderer-files/static-files.js';
import { APP_HOST, APP_SCHEME } from './secure-window.js';

/** Must run before app 'ready' (Electron requires schemes to be registered early). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export async function appResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' };
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
  const file = await resolveStatic(rendererDir, url.pathname);
  if (!file) return new Response('Not found', { status: 404, headers });
  return new Response(await readFile(file.path), { status: 200, headers: { ...headers, 'Content-Type': file.type } });
}

export function handleAppScheme(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request.url));
}
