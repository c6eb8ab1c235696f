// Backends load only from the capture code's own tree: beside an installed capture process,
// or in the checkout / app.asar.unpacked two levels up. Never the cwd or ACKLINE_ROOT.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capModuleCandidates } from '../../electron/capture/cap-backend.js';
import { nativeModuleCandidates } from '../../electron/capture/native-backend.js';
import { ownTreeCandidates } from '../../electron/capture/own-tree.js';
import { repoRoot } from '../support/captures.js';

describe('own-tree candidates', () => {
  it('an installed capture tree: the files beside the script first', () => {
    expect(nativeModuleCandidates('/usr/local/lib/ackline')[0]).toBe('/usr/local/lib/ackline/ackline_pcap.node');
    expect(capModuleCandidates('/usr/local/lib/ackline')[0]).toBe('/usr/local/lib/ackline/node_modules/cap');
  });

  it('the packaged app: app.asar.unpacked, from the capture process and from the main process inside the asar alike', () => {
    const unpacked = '/opt/Ackline/resources/app.asar.unpacked';
    expect(nativeModuleCandidates(`${unpacked}/out/capture`)[1]).toBe(`${unpacked}/native/build/Release/ackline_pcap.node`);
    expect(nativeModuleCandidates('/opt/Ackline/resources/app.asar/out/main')[1]).toBe(`${unpacked}/native/build/Release/ackline_pcap.node`);
    expect(capModuleCandidates('/opt/Ackline/resources/app.asar/out/main')[1]).toBe(`${unpacked}/node_modules/cap`);
  });

  it('a checkout, from out/capture/ and from the sources; never the cwd or ACKLINE_ROOT', () => {
    const before = process.env.ACKLINE_ROOT;
    process.env.ACKLINE_ROOT = '/home/mallory';
    const cwd = process.cwd();
    process.chdir('/tmp');
    try {
      expect(nativeModuleCandidates(path.join(repoRoot, 'out/capture'))).toEqual([path.join(repoRoot, 'out/capture/ackline_pcap.node'), path.join(repoRoot, 'native/build/Release/ackline_pcap.node')]);
      const all = [...nativeModuleCandidates(), ...capModuleCandidates(), ...ownTreeCandidates('x', 'y')];
      expect(all.every((p) => p.startsWith(repoRoot + path.sep))).toBe(true);
    } finally {
      process.chdir(cwd);
      if (before === undefined) delete process.env.ACKLINE_ROOT;
      else process.env.ACKLINE_ROOT = before;
    }
  });
});
