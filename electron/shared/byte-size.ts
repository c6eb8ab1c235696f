// Sizes as people write and read them, shared by the serve host (its --max-upload option and
// its messages) and the page (the limit shown where files are dropped): binary units, so
// "4G" and "4 GiB" are the same 4 × 2^30 bytes on both sides.

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;

/** 1536 → "1.5 KiB", 4294967296 → "4 GiB", 12 → "12 bytes". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Math.max(0, Math.round(n))} bytes`;
  let v = n;
  let u = -1;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  const text = v >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return `${text} ${UNITS[u]}`;
}

/** "4G", "4GiB", "4 GB", "512m", "1.5T", "1000000" → bytes (K/M/G/T are binary); undefined if not a size. */
export function parseByteSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b|bytes?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const power = m[2] ? 'kmgt'.indexOf(m[2].toLowerCase()) + 1 : 0;
  const bytes = Math.floor(Number(m[1]) * 1024 ** power);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
