// The packaging configuration, checked since the packages cannot be built here (no Electron
// binary): electron-builder's own schema accepts it; the targets, file associations,
// asarUnpack and fuses are the ones we promise; the install/remove scripts start from
// electron-builder's default script, use only macros it defines, are valid shell once
// expanded, set capabilities on our launcher only, never on Electron, and make root own the
// path to what the launcher runs; the launcher is built for the layout the packages install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/captures.js';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(s: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, log: unknown): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

interface Config {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string; filter: string[] }[];
  electronFuses: Record<string, boolean>;
  fileAssociations: { ext: string; mimeType: string; role: string }[];
  linux: { target: string[]; executableName: string };
  deb: { afterInstall: string; afterRemove: string; depends: string[] };
  rpm: { afterInstall: string; afterRemove: string; depends: string[] };
  mac: { target: string; extraResources: { from: string; filter: string[] }[] };
  win: { target: string };
  nsis: { include: string };
}

const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Config;
const templates = path.join(repoRoot, 'node_modules/app-builder-lib/templates/linux');
/** What electron-builder substitutes in deb/rpm scripts (FpmTarget's bashTemplateOptions). */
const MACROS: Record<string, string> = { executable: 'ackline', sanitizedProductName: 'Ackline', productFilename: 'Ackline' };

function expand(script: string): string {
  return script.replace(/\$\{([a-zA-Z]+)\}/g, (_m, name: string) => {
    if (!(name in MACROS)) throw new Error(`macro \${${name}} is not defined for electron-builder scripts`);
    return MACROS[name]!;
  });
}

function shellOk(shell: string, text: string): { status: number | null; stderr: string } {
  const f = path.join(mkdtempSync(path.join(tmpdir(), 'ackline-sh-')), 'script.sh');
  writeFileSync(f, text);
  const r = spawnSync(shell, ['-n', f], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds AppImage, deb and rpm on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    expect(config.linux.executableName).toBe('ackline');
  });

  it('associates .pcap, .pcapng and .cap files, and gzip-compressed .pcap.gz and .pcapng.gz, with the app', () => {
    expect(config.fileAssociations.map((a) => a.ext).sort()).toEqual(['cap', 'pcap', 'pcap.gz', 'pcapng', 'pcapng.gz']);
    // A compressed capture has the MIME type of what it holds (as Wireshark declares it).
    expect(config.fileAssociations.find((a) => a.ext === 'pcap.gz')?.mimeType).toBe('application/vnd.tcpdump.pcap');
    expect(config.fileAssociations.find((a) => a.ext === 'pcapng.gz')?.mimeType).toBe('application/x-pcapng');
    for (const a of config.fileAssociations) {
      expect(a.role).toBe('Viewer');
      expect(a.mimeType).toMatch(/^application\/(vnd\.tcpdump\.pcap|x-pcapng)$/);
    }
  });

  it('unpacks native modules, the capture launcher, the capture script and cap from the asar', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.asarUnpack).toContain('native/build/Release/ackline-capture-launcher');
    expect(config.asarUnpack).toContain('out/capture/**');
    // The capture process loads cap by absolute path from the unpacked tree, never by name.
    expect(config.asarUnpack).toContain('node_modules/cap/**');
    // "Set up capture rights" (AppImage) installs from these; root cannot read inside the asar.
    for (const f of ['native/src/launcher.c', 'build/scripts/install-capture-rights.sh']) {
      expect(config.files).toContain(f);
      expect(config.asarUnpack).toContain(f);
      expect(existsSync(path.join(repoRoot, f)), f).toBe(true);
    }
    // The launcher that carries the capabilities is the one native/binding.gyp builds.
    expect(readFileSync(path.join(repoRoot, 'native/binding.gyp'), 'utf8')).toContain('"target_name": "ackline-capture-launcher"');
    // and where the capture code looks for it once packaged:
    expect(readFileSync(path.join(repoRoot, 'electron/capture/find-launcher.ts'), 'utf8')).toContain('app.asar.unpacked/native/build/Release/ackline-capture-launcher');
  });

  it("builds the launcher for the deb/rpm layout: the runtime and script electron-builder installs in /opt", () => {
    const { DEFAULTS } = require(path.join(repoRoot, 'build/scripts/launcher-paths.cjs')) as { DEFAULTS: { runtime: string; script: string; group: string } };
    const opt = `/opt/${config.productName}`;
    expect(DEFAULTS).toEqual({ runtime: `${opt}/${config.linux.executableName}`, script: `${opt}/resources/app.asar.unpacked/out/capture/capture-process.mjs`, group: 'ackline' });
    // The launcher's own fallbacks say the same, and so does what after-install.sh secures.
    const c = readFileSync(path.join(repoRoot, 'native/src/launcher.c'), 'utf8');
    expect(c).toContain(`#define ACKLINE_RUNTIME "${DEFAULTS.runtime}"`);
    expect(c).toContain(`#define ACKLINE_SCRIPT "${DEFAULTS.script}"`);
    const built = path.join(repoRoot, 'native/build/Release/ackline-capture-launcher');
    if (existsSync(built) && !process.env.ACKLINE_LAUNCHER_RUNTIME && !process.env.ACKLINE_LAUNCHER_SCRIPT) {
      const bytes = readFileSync(built, 'latin1');
      expect(bytes).toContain(`${DEFAULTS.runtime}\0`);
      expect(bytes).toContain(`${DEFAULTS.script}\0`);
    }
  });

  it('packs the built app and the sample captures', () => {
    for (const f of ['out/main/**', 'out/preload/**', 'out/utility/**', 'out/renderer/**', 'out/capture/**']) expect(config.files).toContain(f);
    expect(config.extraResources).toContainEqual({ from: 'build/samples', to: 'samples', filter: ['*.pcapng', 'samples.json'] });
    expect(existsSync(path.join(repoRoot, 'build/samples/samples.json'))).toBe(true);
    expect(existsSync(path.join(repoRoot, 'build/icon.png'))).toBe(true);
  });

  it('flips the fuses: no NODE_OPTIONS, no --inspect, asar integrity and asar-only loading on', () => {
    const f = config.electronFuses;
    expect(f.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(f.enableNodeCliInspectArguments).toBe(false);
    expect(f.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(f.onlyLoadAppFromAsar).toBe(true);
    expect(f.grantFileProtocolExtraPrivileges).toBe(false);
    // RunAsNode stays on only because the capture process runs as Electron-as-Node
    // through the launcher; if that changes, this must flip to false.
    const spawnsAsNode = readFileSync(path.join(repoRoot, 'electron/capture/spawn-capture.ts'), 'utf8').includes('ELECTRON_RUN_AS_NODE');
    expect(f.runAsNode).toBe(spawnsAsNode);
  });

  it('documents Npcap in the Windows installer and ships the macOS BPF helper', () => {
    const nsh = readFileSync(path.join(repoRoot, config.nsis.include), 'utf8');
    expect(nsh).toContain('!macro customInstall');
    expect(nsh).toContain('$SYSDIR\\Npcap\\wpcap.dll');
    expect(nsh).toContain('https://npcap.com/');
    const mac = config.mac.extraResources[0]!;
    for (const f of mac.filter) expect(existsSync(path.join(repoRoot, mac.from, f)), f).toBe(true);
    for (const f of ['ChmodBPF', 'install-chmodbpf.sh']) {
      const r = shellOk('sh', readFileSync(path.join(repoRoot, mac.from, f), 'utf8'));
      expect(r.status, `${f}: ${r.stderr}`).toBe(0);
    }
    expect(readFileSync(path.join(repoRoot, mac.from, 'org.ackline.ChmodBPF.plist'), 'utf8')).toContain('<string>org.ackline.ChmodBPF</string>');
  });
});

describe('deb/rpm install scripts', () => {
  const scripts = [
    ['afterInstall', config.deb.afterInstall, 'after-install.tpl'],
    ['afterRemove', config.deb.afterRemove, 'after-remove.tpl'],
  ] as const;

  it('are the same for deb and rpm', () => {
    expect(config.rpm.afterInstall).toBe(config.deb.afterInstall);
    expect(config.rpm.afterRemove).toBe(config.deb.afterRemove);
  });

  for (const [name, file, template] of scripts) {
    it(`${name} starts from electron-builder's default ${template} (desktop integration kept)`, () => {
      const text = readFileSync(path.join(repoRoot, file), 'utf8');
      const def = readFileSync(path.join(templates, template), 'utf8');
      expect(text.startsWith(def)).toBe(true);
    });

    it(`${name} uses only defined macros and is valid bash once expanded`, () => {
      const text = expand(readFileSync(path.join(repoRoot, file), 'utf8'));
      const r = shellOk('bash', text);
      expect(r.status, r.stderr).toBe(0);
    });
  }

  it('creates the ackline group and sets capabilities on the launcher only, never on Electron', () => {
    const text = expand(readFileSync(path.join(repoRoot, config.deb.afterInstall), 'utf8'));
    expect(text).toMatch(/groupadd --system ackline/);
    // Every capability grant in the script (comments aside) names the launcher, and nothing else.
    const grants = text.split('\n').filter((l) => !/^\s*#/.test(l)).flatMap((l) => l.match(/setcap\s+cap_[^\s]+\s+(?:"[^"]*"|\S+)/g) ?? []);
    expect(grants).toEqual(['setcap cap_net_raw,cap_net_admin=ep "$ACKLINE_LAUNCHER"']);
    expect(text).not.toMatch(/setcap[^\n]*(\/opt\/Ackline\/ackline\b|chrome-sandbox|electron)/i);
    expect(text).toContain("ACKLINE_LAUNCHER=\"$ACKLINE_UNPACKED/native/build/Release/ackline-capture-launcher\"");
    expect(text).toMatch(/chown root:ackline "\$ACKLINE_LAUNCHER"\s+chmod 0750 "\$ACKLINE_LAUNCHER"/);
    // setcap after the last chown of the launcher (chown clears file capabilities).
    expect(text.lastIndexOf('setcap cap_net_raw')).toBeGreaterThan(text.lastIndexOf('chown root:ackline'));
  });

  it('makes root own the path to what the launcher runs, without touching chrome-sandbox', () => {
    const text = expand(readFileSync(path.join(repoRoot, config.deb.afterInstall), 'utf8'));
    const part = text.slice(text.indexOf('# Ackline'));
    // Run our part over a fake /opt tree, with fake tools that record what they are asked.
    const dir = mkdtempSync(path.join(tmpdir(), 'ackline-ai-'));
    const fake = path.join(dir, 'bin');
    mkdirSync(fake);
    for (const tool of ['getent', 'groupadd', 'chown', 'chmod', 'setcap', 'stat']) writeFileSync(path.join(fake, tool), `#!/bin/sh\necho ${tool} "$@" >> ${dir}/log\n${tool === 'stat' ? 'echo 0\n' : ''}`, { mode: 0o755 });
    const opt = path.join(dir, 'opt/Ackline');
    for (const f of ['ackline', 'chrome-sandbox', 'resources/app.asar.unpacked/out/capture/capture-process.mjs', 'resources/app.asar.unpacked/native/build/Release/ackline-capture-launcher', 'resources/app.asar.unpacked/native/build/Release/ackline_pcap.node', 'resources/app.asar.unpacked/node_modules/cap/lib/Cap.js']) {
      mkdirSync(path.dirname(path.join(opt, f)), { recursive: true });
      writeFileSync(path.join(opt, f), '');
    }
    const r = spawnSync('bash', ['-c', part.split("'/opt/Ackline'").join(`'${opt}'`)], { env: { PATH: `${fake}:/usr/bin:/bin` }, encoding: 'utf8' });
    const log = readFileSync(path.join(dir, 'log'), 'utf8');
    rmSync(dir, { recursive: true, force: true });
    expect(r.status, r.stderr).toBe(0);
    const u = `${opt}/resources/app.asar.unpacked`;
    for (const p of [opt, `${opt}/ackline`, `${opt}/resources`, u, `${u}/out`, `${u}/native`, `${u}/native/build`, `${u}/node_modules`]) {
      expect(log).toContain(`chown root:root ${p}\n`);
      expect(log).toContain(`chmod go-w ${p}\n`);
    }
    for (const p of [`${u}/out/capture`, `${u}/native/build/Release`, `${u}/node_modules/cap`]) expect(log).toContain(`chown -R root:root ${p}\n`);
    expect(log).not.toMatch(/chown -R [^\n]*Ackline\n|chrome-sandbox/);
    expect(log.trim().split('\n').slice(-3)).toEqual([`chown root:ackline ${u}/native/build/Release/ackline-capture-launcher`, `chmod 0750 ${u}/native/build/Release/ackline-capture-launcher`, `setcap cap_net_raw,cap_net_admin=ep ${u}/native/build/Release/ackline-capture-launcher`]);
  });

  it('removes the group only on purge (deb) or final erase (rpm), not on upgrade', () => {
    const text = expand(readFileSync(path.join(repoRoot, config.deb.afterRemove), 'utf8'));
    const dir = mkdtempSync(path.join(tmpdir(), 'ackline-rm-'));
    // Run our part with fake system tools that record what they were asked to do.
    const part = text.slice(text.indexOf('# Ackline'));
    for (const tool of ['getent', 'groupdel', 'delgroup']) writeFileSync(path.join(dir, tool), `#!/bin/sh\necho ${tool} "$@" >> ${dir}/log\n`, { mode: 0o755 });
    const run = (arg: string): string => {
      writeFileSync(path.join(dir, 'log'), '');
      spawnSync('bash', ['-c', part, 'after-remove', arg], { env: { PATH: `${dir}:/usr/bin:/bin` } });
      return readFileSync(path.join(dir, 'log'), 'utf8');
    };
    expect(run('purge')).toContain('groupdel ackline');
    expect(run('0')).toContain('groupdel ackline');
    expect(run('remove')).not.toContain('groupdel');
    expect(run('upgrade')).not.toContain('groupdel');
    expect(run('1')).not.toContain('groupdel');
  });
});
