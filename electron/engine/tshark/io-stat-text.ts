// The io,stat table as tshark 4.0 draws it (ui/cli/tap-iostat.c, iostat_draw): column widths
// from the largest value, the duration rounded to the interval's precision, the last row
// ending at the duration ("Dur" when the interval is whole seconds).
import type { IoCell, IoColumn, IoStatTap } from './io-stat.js';

/** Decimal digits of `val` (at least 1, at most `maxW`). */
function magnitude(val: number, maxW: number): number {
  let mag = 0;
  for (let i = 0; i < maxW; i++) {
    mag++;
    val = Math.floor(val / 10);
    if (val === 0) break;
  }
  return mag;
}

/** A column label centred over `lenval` characters, as printcenter() does (quirks kept). */
function printcenter(label: string, lenval: number, numpad: number): string {
  const spaces = '      ';
  const lenlab = label.length;
  const len = spaces.length - (Math.trunc((lenval - lenlab) / 2) + numpad);
  if (len > 0 && len < 6) {
    const sp = spaces.slice(len);
    return ((lenval - lenlab) % 2 === 0 ? sp : spaces.slice(len - 1)) + label + sp + '|';
  }
  if (len > 0 && len <= 15) return label + '|';
  return '';
}

const u = (v: number, w: number): string => String(v).padStart(w);
const u0 = (v: number, w: number): string => String(v).padStart(w, '0');

interface Width {
  fr: number;
  val: number;
}

/** The value printed in a cell (and the one that sizes the column). */
function cellValue(col: IoColumn, cell: IoCell): number {
  if (col.calc === 'AVG') return Math.floor(cell.counter / (cell.num || 1));
  return cell.counter;
}

export function drawIoStat(t: IoStatTap, elapsedUs: number, out: (text: string) => void): void {
  const cols = t.columns;
  let duration = elapsedUs;
  let intervalSetting = t.intervalUs;
  let interval: number;
  if (intervalSetting > duration || !Number.isFinite(intervalSetting)) {
    interval = duration;
    intervalSetting = Infinity;
  } else interval = intervalSetting;

  const durSecsOrig = Math.floor(duration / 1e6);
  const durUsOrig = duration % 1e6;
  let durSecs = durSecsOrig;
  let durUs = durUsOrig;
  let durMag = magnitude(durSecs, 5);
  const durMagOrig = durMag;
  const invlMag = magnitude(Math.floor(interval / 1e6), 5);

  let prec: number;
  let borderlen: number;
  if (interval === duration) {
    prec = durMag >= 2 ? 1 : durMag === 1 ? 3 : 6;
    borderlen = 30 + durMag + (prec === 0 ? 0 : prec + 1);
  } else {
    prec = t.precision;
    borderlen = 24 + invlMag + (prec === 0 ? 0 : prec + 1);
  }
  let dv = 1e6;
  for (let i = 0; i < prec; i++) dv /= 10;
  if (duration % dv > 5 * (dv / 10)) {
    duration += 5 * (dv / 10);
    duration = Math.floor(duration / dv) * dv;
    durSecs = Math.floor(duration / 1e6);
    durUs = duration % 1e6;
    durMag = magnitude(durSecs, 5);
  }
  if (!Number.isFinite(intervalSetting)) interval = duration;

  let invlColW = prec === 0 ? 2 * durMag + 8 : 2 * durMag + 2 * prec + 10;
  invlColW = Math.max(invlColW, 12);
  borderlen = Math.max(borderlen, invlColW);

  // Column widths from the largest frame count and value of each column.
  const widths: Width[] = [];
  let tabrowW = invlColW;
  cols.forEach((col, j) => {
    const maxFrames = t.maxFrames[j]!;
    let maxVal = t.maxVals[j]!;
    const w: Width = { fr: 0, val: 0 };
    if (col.calc === 'FRAMES' || col.calc === 'FRAMES BYTES') {
      w.fr = Math.max(6, magnitude(maxFrames, 15));
      tabrowW += w.fr + 3;
      if (col.calc === 'FRAMES BYTES') {
        w.val = Math.max(5, magnitude(maxVal, 15));
        tabrowW += w.val + 3;
      }
      widths.push(w);
      return;
    }
    if (col.calc === 'BYTES' || col.calc === 'COUNT') w.val = Math.max(5, magnitude(maxVal, 15));
    else if (col.time) {
      // Nanoseconds to seconds (an AVG was tracked in seconds already).
      if (col.calc !== 'AVG') maxVal = Math.floor((maxVal + 5e8) / 1e9);
      w.val = magnitude(maxVal, 15) + 7;
    } else w.val = Math.max(col.calc.length, magnitude(maxVal, 15));
    tabrowW += w.val + 3;
    widths.push(w);
  });
  borderlen = Math.max(borderlen, tabrowW);

  let maxFilterW = 0;
  for (const col of cols) maxFilterW = Math.max(maxFilterW, col.spec ? col.spec.length + 11 : 26);
  if (maxFilterW > borderlen && borderlen < 102) borderlen = Math.min(maxFilterW, 102);
  if (borderlen - tabrowW === 1) borderlen++;

  const spaces = (from: number): string => ' '.repeat(Math.max(0, borderlen - from));
  let s = '\n' + '='.repeat(borderlen) + '\n';
  s += `| IO Statistics${spaces(16)}|\n`;
  s += `|${spaces(2)}|\n`;
  if (prec === 0) {
    s += `| Duration: ${u(durSecsOrig, durMagOrig)}.${u(durUsOrig, 6)} secs${spaces(25 + durMagOrig)}|\n`;
    s += `| Interval: ${u(Math.floor(interval / 1e6), durMagOrig)} secs${spaces(18 + durMagOrig)}|\n`;
  } else {
    s += `| Duration: ${u(durSecs, durMagOrig)}.${u0(Math.floor(durUs / dv), prec)} secs${spaces(19 + durMagOrig + prec)}|\n`;
    s += `| Interval: ${u(Math.floor(interval / 1e6), durMagOrig)}.${u0(Math.floor((interval % 1e6) / dv), prec)} secs${spaces(19 + durMagOrig + prec)}|\n`;
  }
  s += `|${spaces(2)}|\n`;
  s += '| Col';
  cols.forEach((col, j) => {
    s += j === 0 ? `${u(j + 1, 2)}: ` : `|    ${u(j + 1, 2)}: `;
    if (col.spec === null) {
      s += `Frames and bytes${spaces(26)}|\n`;
      return;
    }
    s += wrapFilter(col.spec, borderlen, spaces);
  });
  s += '|-' + '-'.repeat(borderlen - 3) + '|\n';

  // Column numbers, then labels.
  const filler = tabrowW < borderlen ? ' '.repeat(borderlen - tabrowW - 1) + '|' : '';
  s += `|${spaces(borderlen - (invlColW - 2))}|`;
  cols.forEach((col, j) => {
    const w = widths[j]!;
    const n = col.calc === 'FRAMES BYTES' ? w.fr + w.val + 3 : col.calc === 'FRAMES' ? w.fr : w.val;
    s += `${String(j + 1).padEnd(2)}${' '.repeat(n)}|`;
  });
  s += filler;
  s += `\n| Interval${' '.repeat(invlColW - 11)}|`;
  cols.forEach((col, j) => {
    const w = widths[j]!;
    if (col.calc === 'FRAMES') s += printcenter('FRAMES', w.fr, 1);
    else if (col.calc === 'FRAMES BYTES') s += printcenter('Frames', w.fr, 1) + printcenter('Bytes', w.val, 1);
    else s += printcenter(col.calc, w.val, 1);
  });
  s += filler;
  s += '\n|-' + '-'.repeat(tabrowW - 3) + '|' + filler + '\n';
  out(s);

  // The rows.
  const timeFmt = (us: number): string => (prec === 0 ? u(Math.floor(us / 1e6), durMag) : `${u(Math.floor(us / 1e6), durMag)}.${u0(Math.floor((us % 1e6) / dv), prec)}`);
  const numRows = interval === 0 || duration === 0 ? 0 : Math.floor(duration / interval) + (duration % interval > 0 ? 1 : 0);
  let tt = 0;
  for (let i = 0; i < numRows; i++) {
    s = '';
    const last = i === numRows - 1;
    const end = last ? duration : tt + interval;
    if (prec === 0) {
      const lead = durMag === 1 ? '|  ' : '| ';
      if (last) s += `${lead}${timeFmt(tt)} <> ${'Dur'.padEnd(durMag >= 3 ? durMag + 1 : 3)}|`;
      else s += `${lead}${timeFmt(tt)} <> ${timeFmt(end)}${durMag === 1 ? '  ' : ' '}|`;
    } else s += `| ${timeFmt(tt)} <> ${timeFmt(end)} |`;
    cols.forEach((col, j) => {
      const w = widths[j]!;
      const cell = t.cells[j]!.get(i);
      s += cellText(col, w, cell);
    });
    out(s + filler + '\n');
    tt += interval;
  }
  out('='.repeat(borderlen) + '\n');
}

function cellText(col: IoColumn, w: Width, cell: IoCell | undefined): string {
  const frames = cell?.frames ?? 0;
  const counter = cell?.counter ?? 0;
  switch (col.calc) {
    case 'FRAMES':
      return ` ${u(frames, w.fr)} |`;
    case 'FRAMES BYTES':
      return ` ${u(frames, w.fr)} | ${u(counter, w.val)} |`;
    case 'BYTES':
    case 'COUNT':
      return ` ${u(counter, w.val)} |`;
    default: {
      let v = cell ? cellValue(col, cell) : 0;
      if (!col.time) return ` ${u(v, w.val)} |`;
      // Nanoseconds to microseconds, rounded; printed as seconds with six places.
      v = Math.floor((v + 500) / 1000);
      return ` ${u(Math.floor(v / 1e6), w.val - 7)}.${u0(v % 1e6, 6)} |`;
    }
  }
}

/** A filter in the column list, wrapped at the table's width (at a space when there is one). */
function wrapFilter(filter: string, borderlen: number, spaces: (from: number) => string): string {
  if (filter.length + 11 <= borderlen) return `${filter}${spaces(filter.length + 10)}|\n`;
  let s = '';
  const maxW = borderlen - 11;
  for (;;) {
    if (filter.length > maxW) {
      const head = filter.slice(0, maxW);
      const sp = head.lastIndexOf(' ');
      const len = sp >= 0 ? sp : head.length;
      const next = sp >= 0 ? sp + 1 : head.length;
      s += `${head.slice(0, len)}${spaces(len + 10)}|\n|        `;
      filter = filter.slice(next);
    } else {
      s += `${filter}${spaces(filter.length + 10)}|\n`;
      return s;
    }
  }
}
