// Builds the Node-API libpcap binding (native/) with node-gyp. Run by `npm run build`
// (and so by `npm ci` through `prepare`). Node-API is ABI-stable: the same build loads in
// Node and in Electron, so no electron-rebuild step is needed.
// Without libpcap headers the build fails with a message saying what to install; the rest
// of Ackline (opening and exporting files, serve) works without live capture.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const local = path.join(root, 'node_modules/.bin/node-gyp');
const cmd = existsSync(local) ? local : 'node-gyp';
if (process.platform === 'linux' && !existsSync('/usr/include/pcap/pcap.h') && !existsSync('/usr/local/include/pcap/pcap.h')) {
  console.error('build-native: libpcap headers not found: install them (Debian/Ubuntu: apt-get install libpcap-dev; Fedora: dnf install libpcap-devel). Live capture stays unavailable until then.');
  process.exit(process.env.ACKLINE_REQUIRE_NATIVE ? 1 : 0);
}
const r = spawnSync(cmd, ['rebuild', '--directory', path.join(root, 'native')], { stdio: ['ignore', 'inherit', 'inherit'] });
if (r.status !== 0) {
  console.error('build-native: node-gyp failed; live capture through the native backend is unavailable (the `cap` backend may still work).');
  process.exit(process.env.ACKLINE_REQUIRE_NATIVE ? 1 : 0);
}
