// Locations of the shared capture corpus and helpers to read it in tests.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
/** ../shared/captures beside the repository (CI clones main with shared/ beside it). */
export const capturesDir = process.env.ACKLINE_CAPTURES ?? path.resolve(repoRoot, '../shared/captures');
export const haveCaptures = existsSync(capturesDir);

export function capturePath(rel: string): string {
  return path.join(capturesDir, rel);
}

export function readCapture(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(capturePath(rel)));
}

export function readText(rel: string): string {
  return readFileSync(capturePath(rel), 'utf8');
}
