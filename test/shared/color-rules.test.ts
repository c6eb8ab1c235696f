// One list of default colouring rules for the engine (which names them), the host (which
// stores them as preferences) and the renderer (which paints them before the host answers).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOR_RULES as SHARED } from '../../electron/shared/color-rules.js';
import { DEFAULT_PREFERENCES } from '../../electron/session/preferences.js';
import { DEFAULT_COLOR_RULES as RENDERER } from '../../renderer/src/stores/color-rules.js';
import { repoRoot } from '../support/captures.js';

describe('default colouring rules', () => {
  it('the renderer paints with exactly the rules the host stores', () => {
    expect(RENDERER).toEqual(DEFAULT_PREFERENCES.colorRules);
    expect(RENDERER.map((r) => r.name)).toEqual(SHARED.map((r) => r.name));
  });

  it('the engine holds no second copy: it compiles the shared list (no rule name in its source)', () => {
    const src = readFileSync(path.join(repoRoot, 'electron/engine/workspace/color-rules.ts'), 'utf8');
    for (const r of SHARED) expect(src).not.toContain(`'${r.name}'`);
    expect(src).toContain('DEFAULT_COLOR_RULES');
  });
});
