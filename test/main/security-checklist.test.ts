// Electron's security checklist, one assertion per item, against the real glue: the window
// options, navigation and new windows, permissions, <webview>, the IPC sender check, the
// CSP on every page response, our own content only, and no shell.openExternal anywhere.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { appResponse } from '../../electron/main/app-protocol.js';
import { isTrustedSender } from '../../electron/main/ipc-endpoint.js';
import { APP_URL, hardenContents, hardenSession, isOwnUrl, webPreferences } from '../../electron/main/secure-window.js';
import { repoRoot } from '../support/captures.js';
import { createFakeElectron, FakeFrame, FakeWebContents } from './fake-electron.js';

const prefs = webPreferences('/app/out/preload/index.cjs');

function hardened(): FakeWebContents {
  const wc = new FakeWebContents(APP_URL);
  hardenContents(wc as unknown as WebContents);
  return wc;
}

describe('Electron security checklist', () => {
  it('1. context isolation is on', () => expect(prefs.contextIsolation).toBe(true));
  it('2. the renderer runs in the process sandbox', () => expect(prefs.sandbox).toBe(true));
  it('3. no Node integration (window, workers, sub-frames)', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('4. webSecurity on; no insecure content, experimental or Blink features', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
  it('5. no <webview>: the tag is off and attaching one is prevented', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(hardened().fire('will-attach-webview', {}, {})).toBe(true);
  });
  it('6. navigation away from our pages is prevented (parsed URL, not a prefix)', () => {
    const wc = hardened();
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'ackline://app.evil/', 'ackline://evil/index.html', 'javascript:alert(1)', 'http://app/'])
      expect(wc.fire('will-navigate', url), url).toBe(true);
    expect(wc.fire('will-navigate', 'ackline://app/index.html')).toBe(false);
    expect(wc.fire('will-redirect', 'https://example.com/')).toBe(true);
    expect(isOwnUrl('ackline://app/assets/x.js')).toBe(true);
    expect(isOwnUrl('not a url')).toBe(false);
  });
  it('7. new windows are denied, whatever the URL (links in packet data open nothing)', () => {
    const wc = hardened();
    for (const url of ['https://example.com/', 'ackline://app/index.html', 'mailto:x@example.com']) expect(wc.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
  });
  it('8. permission requests and checks are denied', () => {
    const fake = createFakeElectron();
    const ses = fake.session.defaultSession;
    hardenSession(ses as unknown as Session);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      ses.permissionRequest?.({}, p, (ok) => (granted = ok), {});
      expect(granted, p).toBe(false);
      expect(ses.permissionCheck?.({}, p, 'ackline://app', {})).toBe(false);
    }
    expect(ses.deviceCheck?.({})).toBe(false);
  });
  it('9. every IPC sender is validated: this window, its top frame, our own page', () => {
    const wc = new FakeWebContents(APP_URL);
    const c = wc as unknown as WebContents;
    const ok = { sender: c, senderFrame: wc.mainFrame } as never;
    expect(isTrustedSender(ok, c)).toBe(true);
    expect(isTrustedSender({ sender: new FakeWebContents(APP_URL), senderFrame: wc.mainFrame } as never, c)).toBe(false);
    expect(isTrustedSender({ sender: c, senderFrame: new FakeFrame(APP_URL) } as never, c)).toBe(false);
    expect(isTrustedSender({ sender: c, senderFrame: null } as never, c)).toBe(false);
    wc.mainFrame.url = 'https://example.com/';
    expect(isTrustedSender({ sender: c, senderFrame: wc.mainFrame } as never, c)).toBe(false);
  });
  it("10. a strict CSP (script-src 'self') comes with every page response, and the page carries it too", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ackline-csp-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(dir, 'assets/a.js'), '1');
    for (const u of ['ackline://app/index.html', 'ackline://app/', 'ackline://app/assets/a.js', 'ackline://app/missing']) {
      const r = await appResponse(dir, u);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, u).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    }
    const page = path.join(repoRoot, 'out/renderer/index.html');
    expect(readFileSync(page, 'utf8')).toMatch(/Content-Security-Policy[^>]*script-src 'self'/);
  });
  it('11. only our own content loads: the window loads ackline://app/, the scheme serves the bundle and nothing else', async () => {
    expect(APP_URL).toBe('ackline://app/index.html');
    const dir = mkdtempSync(path.join(tmpdir(), 'ackline-own-'));
    mkdirSync(path.join(dir, 'bundle'));
    writeFileSync(path.join(dir, 'bundle/index.html'), 'page');
    writeFileSync(path.join(dir, 'secret'), 'no');
    expect((await appResponse(path.join(dir, 'bundle'), 'ackline://app/index.html')).status).toBe(200);
    for (const u of ['ackline://app/../secret', 'ackline://app/%2e%2e/secret', 'ackline://other/index.html']) expect((await appResponse(path.join(dir, 'bundle'), u)).status, u).toBe(404);
  });
  it('12. no shell.openExternal (nor any shell use) in our Electron code: packet data is untrusted', () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d)) {
        const p = path.join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(repoRoot, 'electron'));
    walk(path.join(repoRoot, 'renderer'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      // Code only: comments may name the rule.
      const code = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
      expect(code, f).not.toMatch(/openExternal\s*\(/);
      expect(code, f).not.toMatch(/import\s*\{[^}]*\bshell\b[^}]*\}\s*from\s*'electron'/);
    }
  });
});
