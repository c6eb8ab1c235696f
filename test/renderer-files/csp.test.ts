// One Content-Security-Policy for the renderer: the header Electron's scheme and serve send,
// and the <meta> copy the page carries (for a page opened some other way), are both made from
// electron/renderer-files/csp.ts. The page's copy leaves out frame-ancestors, which a <meta>
// policy cannot carry (Chromium ignores it there and says so in the console).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP, META_CSP } from '../../electron/renderer-files/csp.js';
import { repoRoot } from '../support/captures.js';

const metaPolicy = (html: string): string | undefined => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];

describe('the renderer CSP', () => {
  it('the meta copy is the header policy without frame-ancestors', () => {
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(META_CSP).not.toContain('frame-ancestors');
    expect(`${META_CSP}; frame-ancestors 'none'`).toBe(CSP);
  });

  it('the source page holds no policy of its own, and the built page carries the meta copy', () => {
    expect(metaPolicy(readFileSync(path.join(repoRoot, 'renderer/index.html'), 'utf8'))).not.toContain("'self'");
    const built = path.join(repoRoot, 'out/renderer/index.html');
    if (!existsSync(built)) throw new Error('out/renderer/index.html is missing: run npm run build');
    expect(metaPolicy(readFileSync(built, 'utf8'))).toBe(META_CSP);
  });
});
