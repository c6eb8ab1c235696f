// The short vendor names of Wireshark's manuf file, made from the IEEE organisation names.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shortVendor } from '../../../electron/engine/names/short-vendor.js';
import { loadOuiTable } from '../../../electron/node-platform/oui-table.js';

describe('shortVendor', () => {
  it.each([
    ['Intel Corporate', 'IntelCor'],
    ['Cisco Systems, Inc', 'Cisco'],
    ['XEROX CORPORATION', 'Xerox'],
    ['3COM EUROPE LTD', '3ComEuro'],
    ["EQUIP'TRANS", 'EquipTra'],
    ['SIMTEL S.R.L.', 'Simtel'],
    ['Aselsan A.S', 'Aselsan'],
    ['Dell Inc.', 'Dell'],
  ])('%s -> %s', (org, short) => {
    expect(shortVendor(org)).toBe(short);
  });

  // Where the IEEE and Wireshark's manuf agree on the organisation, the rule should give
  // manuf's short name; the rest are names Wireshark's file sets or spells by hand.
  it.skipIf(!existsSync('/usr/share/wireshark/manuf'))('gives manuf short names for at least 97% of MA-L entries', () => {
    const oui = loadOuiTable();
    let same = 0;
    let n = 0;
    for (const line of readFileSync('/usr/share/wireshark/manuf', 'utf8').split('\n')) {
      const m = /^([0-9A-F]{2}):([0-9A-F]{2}):([0-9A-F]{2})\t([^\t]+)\t/.exec(line);
      const org = m && oui[m[1]! + m[2]! + m[3]!];
      if (!m || !org) continue;
      n++;
      if (shortVendor(org.split('\n')[0]!) === m[4]) same++;
    }
    expect(n).toBeGreaterThan(30000);
    expect(same / n).toBeGreaterThan(0.97);
  });
});
