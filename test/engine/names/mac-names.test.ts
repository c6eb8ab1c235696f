// MAC names against tshark -N m: every resolved Ethernet address of the corpus
// (test/fixtures/names/eth-resolved.tsv), and the registry read lazily, once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MacNames } from '../../../electron/engine/names/mac-names.js';
import { loadOuiTable } from '../../../electron/node-platform/oui-table.js';

const golden = readFileSync(new URL('../../fixtures/names/eth-resolved.tsv', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => l.split('\t') as [string, string]);

describe('MacNames', () => {
  const names = new MacNames(loadOuiTable);

  it.each(golden)('%s for %s, as tshark -N m', (want, mac) => {
    expect(names.name(mac)).toBe(want);
  });

  it('leaves an unknown or locally administered address as it is', () => {
    expect(names.name('02:00:00:0a:00:10')).toBe('02:00:00:0a:00:10');
    expect(names.name('not a mac')).toBe('not a mac');
  });

  it('names well-known addresses without reading the registry, and reads it once', () => {
    let loads = 0;
    const lazy = new MacNames(() => {
      loads++;
      return { '001517': 'Intel Corporate\nLot 8, Jalan Hi-Tech 2/3\nKulim Kedah 09000\nMalaysia' };
    });
    expect(lazy.name('ff:ff:ff:ff:ff:ff')).toBe('Broadcast');
    expect(lazy.name('33:33:00:00:00:16')).toBe('IPv6mcast_16');
    expect(loads).toBe(0);
    expect(lazy.name('00:15:17:cc:e5:46')).toBe('IntelCor_cc:e5:46');
    expect(lazy.name('00:15:17:cc:e5:47')).toBe('IntelCor_cc:e5:47');
    expect(loads).toBe(1);
  });
});
