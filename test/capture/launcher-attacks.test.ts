// The capture launcher against a hostile member of its group, as root in CI: a real local
// user in the launcher's group tries every way found so far to run their own code with the
// launcher's capabilities (environment, cwd, symlinks, argv, a race), and the launcher's own
// refusals (callers outside the group, paths others could change) are checked one by one.
// Every payload writes a marker with the capabilities it ran with; no marker may appear at
// all, since none of these ways may run the attacker's code inside the capture process.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildLauncher,
  clearMarkers,
  createSandbox,
  installTree,
  readMarkers,
  runAs,
  sandboxUnavailable,
  writeAs,
  type Sandbox,
} from './launcher-sandbox.js';

const unavailable = sandboxUnavailable();
if (unavailable) console.log(`launcher-attacks skipped: ${unavailable}`);

interface Attack {
  readonly name: string;
  readonly tree: 'app' | 'bare';
  /** What the attacker passes to reach their code (the launcher must take no arguments at all). */
  readonly argv: (t: Trees) => string[];
  readonly env?: (h: string) => Record<string, string>;
  readonly cwd?: (h: string) => string;
  readonly backend: 'auto' | 'native' | 'cap';
}

interface Trees {
  node: string;
  app: { launcher: string; script: string };
  bare: { launcher: string; script: string };
}

const ATTACKS: Attack[] = [
  { name: 'NODE_OPTIONS=--require', tree: 'app', argv: (t) => [t.node, t.app.script], env: (h) => ({ NODE_OPTIONS: `--require ${h}/evil.cjs` }), backend: 'native' },
  { name: 'LD_PRELOAD', tree: 'app', argv: (t) => [t.node, t.app.script], env: (h) => ({ LD_PRELOAD: `${h}/evil.so` }), backend: 'native' },
  { name: 'LD_LIBRARY_PATH + a libpcap of their own', tree: 'app', argv: (t) => [t.node, t.app.script], env: (h) => ({ LD_LIBRARY_PATH: `${h}/lib` }), backend: 'native' },
  { name: 'NODE_PATH (cap chosen through the request)', tree: 'bare', argv: (t) => [t.node, t.bare.script], env: (h) => ({ NODE_PATH: `${h}/mods` }), backend: 'cap' },
  { name: '~/.node_modules (cap chosen through the request)', tree: 'bare', argv: (t) => [t.node, t.bare.script], env: (h) => ({ HOME: h }), backend: 'cap' },
  { name: 'ACKLINE_ROOT picks the addon', tree: 'app', argv: (t) => [t.node, t.app.script], env: (h) => ({ ACKLINE_ROOT: `${h}/root` }), backend: 'native' },
  { name: 'an addon and a cap module in the cwd', tree: 'bare', argv: (t) => [t.node, t.bare.script], cwd: (h) => `${h}/cwd`, backend: 'auto' },
  { name: 'BASH_ENV with bash as the runtime', tree: 'app', argv: (t) => ['/bin/bash', t.app.script], env: (h) => ({ BASH_ENV: `${h}/evil.sh` }), backend: 'native' },
  { name: '/usr/bin/env + a symlink named capture-process.mjs to /bin/sh', tree: 'app', argv: () => ['/usr/bin/env', '%h/bin/capture-process.mjs', '%h/evil.sh'], backend: 'native' },
  { name: 'python3 + PYTHONPATH', tree: 'app', argv: (t) => ['/usr/bin/python3', t.app.script], env: (h) => ({ PYTHONPATH: `${h}/py` }), backend: 'native' },
];

function probeRequest(backend: string): string {
  return JSON.stringify({ interface: 'lo', filter: '', snaplen: 262144, promiscuous: false, bufferSize: 1 << 20, count: 0, file: '', backend, probe: true });
}

describe.skipIf(!!unavailable)('capture launcher against a member of its group', () => {
  let sb: Sandbox;
  let trees: Trees;
  const h = (): string => sb.home;

  beforeAll(() => {
    sb = createSandbox();
    const app = path.join(sb.base, 'app');
    const bare = path.join(sb.base, 'bare');
    const appScript = installTree(app, { addon: true, cap: true });
    const bareScript = installTree(bare, { addon: false, cap: false });
    trees = {
      node: sb.node,
      app: { script: appScript, launcher: buildLauncher(path.join(app, 'ackline-capture-launcher'), { runtime: sb.node, script: appScript, group: sb.group }) },
      bare: { script: bareScript, launcher: buildLauncher(path.join(bare, 'ackline-capture-launcher'), { runtime: sb.node, script: bareScript, group: sb.group }) },
    };
    writePayloads(sb);
  });

  afterAll(() => sb?.cleanup());

  for (const a of ATTACKS) {
    it(`runs none of the attacker's code: ${a.name}`, () => {
      const t = trees[a.tree];
      const argv = a.argv(trees).map((s) => s.replace('%h', h()));
      for (const args of [argv, []]) {
        clearMarkers(sb.markers);
        const r = runAs(sb.member, [t.launcher, ...args], {
          env: { PATH: '/usr/bin:/bin', ...(a.env?.(h()) ?? {}), ACKLINE_CAPTURE_REQUEST: probeRequest(a.backend) },
          cwd: a.cwd?.(h()) ?? h(),
        });
        const markers = readMarkers(sb.markers);
        expect(markers.map((m) => `${path.basename(m.file)} ${JSON.stringify(m.caps)}`), `launcher ${args.join(' ')}: ${r.stderr}`).toEqual([]);
        if (args.length) {
          expect(r.status).toBe(64);
          expect(r.stderr).toMatch(/^ackline-capture-launcher: takes no arguments[^\n]*\n$/);
        } else {
          // The real capture process ran, with none of the attacker's environment, and answered.
          const answer = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type: string; backend?: string; message?: string });
          if (a.tree === 'app') expect(answer[0], r.stderr).toMatchObject({ type: 'started', backend: a.backend === 'cap' ? 'cap' : 'native' });
          else expect(answer[0], r.stderr).toMatchObject({ type: 'error', reason: 'unavailable' });
        }
      }
    });
  }

  it('runs none of the attacker\'s code when they swap a path between its check and its use', async () => {
    // The runtime given by name flips between a root-owned binary and the attacker's program.
    // A launcher that checks a name and then execs it may run either; ours takes no names.
    const rt = path.join(h(), 'rt');
    const flip = path.join(h(), 'flip');
    spawnSync('cc', ['-O2', '-o', flip, '-x', 'c', '-'], { input: FLIPPER });
    chmodSync(flip, 0o755);
    symlinkSync(trees.node, rt);
    symlinkSync(path.join(h(), 'evil-bin'), `${rt}.other`);
    const flipper = spawn('setpriv', [`--reuid=${sb.member}`, '--regid=users', '--init-groups', flip, rt, `${rt}.other`], { stdio: 'ignore' });
    clearMarkers(sb.markers);
    try {
      const until = Date.now() + 3000;
      while (Date.now() < until && readMarkers(sb.markers).length === 0)
        runAs(sb.member, [trees.app.launcher, rt, trees.app.script], { env: { ACKLINE_CAPTURE_REQUEST: probeRequest('native') }, cwd: h(), timeout: 5000 });
    } finally {
      const gone = new Promise((r) => flipper.on('exit', r));
      flipper.kill('SIGKILL');
      await gone;
    }
    expect(readMarkers(sb.markers).map((m) => `${path.basename(m.file)} ${JSON.stringify(m.caps)}`)).toEqual([]);
  });

  it('refuses every argument, with one line', () => {
    for (const args of [['--help'], [trees.node, trees.app.script], ['']]) {
      const r = runAs(sb.member, [trees.app.launcher, ...args]);
      expect(r.status).toBe(64);
      expect(r.stderr).toMatch(/^ackline-capture-launcher: takes no arguments[^\n]*\n$/);
    }
  });

  it('refuses a caller outside its group, with one line, even when installed world-executable', () => {
    const open = buildLauncher(path.join(sb.base, 'open/ackline-capture-launcher'), { runtime: sb.node, script: trees.app.script, group: sb.group, mode: 0o755 });
    const r = runAs(sb.outsider, [open], { env: { ACKLINE_CAPTURE_REQUEST: probeRequest('native') } });
    expect(r.status).toBe(77);
    expect(r.stderr).toBe(`ackline-capture-launcher: only root and members of the group ${sb.group} may capture (sudo usermod -aG ${sb.group} "$USER", then log in again)\n`);
    expect(r.stdout).toBe('');
    // The member is let through by the same binary.
    const ok = runAs(sb.member, [open], { env: { ACKLINE_CAPTURE_REQUEST: probeRequest('native') } });
    expect(ok.stdout, ok.stderr).toMatch(/"type":"started"/);
  });

  it('refuses garbage in the IPC variables it passes on, with one line', () => {
    for (const [k, v] of [
      ['NODE_CHANNEL_FD', '3 --require /x'],
      ['NODE_CHANNEL_FD', '99999999'],
      ['NODE_CHANNEL_SERIALIZATION_MODE', 'yaml'],
    ] as const) {
      const r = runAs(sb.member, [trees.app.launcher], { env: { [k]: v, ACKLINE_CAPTURE_REQUEST: probeRequest('native') } });
      expect(r.status, `${k}=${v}`).toBe(64);
      expect(r.stderr).toMatch(new RegExp(`^ackline-capture-launcher: ${k} [^\\n]+\\n$`));
    }
  });

  describe('paths built into the launcher that others could change', () => {
    // Each variant is compiled with one unsafe path; all of them must refuse to start anything.
    const variants: { name: string; make: () => { runtime: string; script: string }; why: RegExp }[] = [
      {
        name: 'a runtime that is a symlink (even a root-owned one)',
        make: () => {
          mkdirSync(path.join(sb.base, 'links'), { recursive: true, mode: 0o755 });
          symlinkSync(sb.node, path.join(sb.base, 'links/node'));
          return { runtime: path.join(sb.base, 'links/node'), script: trees.app.script };
        },
        why: /links\/node: is a symbolic link/,
      },
      {
        name: 'a script under a symlinked directory',
        make: () => {
          symlinkSync(path.join(sb.base, 'app/out'), path.join(sb.base, 'links/out'));
          return { runtime: sb.node, script: path.join(sb.base, 'links/out/capture/capture-process.mjs') };
        },
        why: /links\/out: is a symbolic link/,
      },
      {
        name: 'a script in a folder the member owns',
        make: () => {
          writeAs(sb.member, path.join(h(), 'own/capture-process.mjs'), evilJs(sb.markers));
          return { runtime: sb.node, script: path.join(h(), 'own/capture-process.mjs') };
        },
        why: /home: is not owned by root/,
      },
      {
        name: 'a script owned by the member in a root-owned folder',
        make: () => {
          writeAs(sb.member, path.join(sb.base, 'userfile/capture-process.mjs'), evilJs(sb.markers));
          chmodSync(path.join(sb.base, 'userfile'), 0o755);
          return { runtime: sb.node, script: path.join(sb.base, 'userfile/capture-process.mjs') };
        },
        why: /userfile\/capture-process\.mjs: is not owned by root/,
      },
      {
        name: 'a script in a folder its group may write',
        make: () => {
          const d = path.join(sb.base, 'groupw');
          mkdirSync(d, { mode: 0o755 });
          cpSync(trees.app.script, path.join(d, 'capture-process.mjs'));
          spawnSync('chgrp', [sb.group, d]);
          chmodSync(d, 0o775);
          return { runtime: sb.node, script: path.join(d, 'capture-process.mjs') };
        },
        why: /groupw: is writable by group or others/,
      },
      {
        name: 'a script file its group may write',
        make: () => {
          const d = path.join(sb.base, 'groupf');
          mkdirSync(d, { mode: 0o755 });
          cpSync(trees.app.script, path.join(d, 'capture-process.mjs'));
          spawnSync('chgrp', [sb.group, path.join(d, 'capture-process.mjs')]);
          chmodSync(path.join(d, 'capture-process.mjs'), 0o664);
          return { runtime: sb.node, script: path.join(d, 'capture-process.mjs') };
        },
        why: /groupf\/capture-process\.mjs: is writable by group or others/,
      },
      {
        name: 'a script in a sticky world-writable folder (like /tmp)',
        make: () => {
          const d = path.join(sb.base, 'sticky');
          mkdirSync(d);
          chmodSync(d, 0o1777);
          cpSync(trees.app.script, path.join(d, 'capture-process.mjs'));
          return { runtime: sb.node, script: path.join(d, 'capture-process.mjs') };
        },
        why: /sticky: is writable by group or others/,
      },
      {
        name: 'a runtime that is a folder',
        make: () => ({ runtime: path.dirname(sb.node), script: trees.app.script }),
        why: /: is not a regular file/,
      },
      {
        name: 'a path with .. in it',
        make: () => ({ runtime: sb.node, script: path.join(sb.base, 'app/out') + '/../out/capture/capture-process.mjs' }),
        why: /is not a plain absolute path/,
      },
    ];
    for (const v of variants) {
      it(`refuses ${v.name}`, () => {
        const paths = v.make();
        const launcher = buildLauncher(path.join(sb.base, `variant-${variants.indexOf(v)}/ackline-capture-launcher`), { ...paths, group: sb.group });
        clearMarkers(sb.markers);
        const r = runAs(sb.member, [launcher], { env: { ACKLINE_CAPTURE_REQUEST: probeRequest('native') } });
        expect(r.stdout).toBe('');
        expect(r.status, r.stderr).toBe(78);
        expect(r.stderr).toMatch(/^ackline-capture-launcher: refusing to start [^\n]+\n$/);
        expect(r.stderr).toMatch(v.why);
        expect(readMarkers(sb.markers)).toEqual([]);
      });
    }
  });
});

// Swaps two names atomically as fast as it can (renameat2 RENAME_EXCHANGE).
const FLIPPER = `
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc != 3) return 2;
  for (;;) syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], 2 /* RENAME_EXCHANGE */);
}
`;

function evilJs(markers: string): string {
  return `const fs = require('fs');
fs.writeFileSync(${JSON.stringify(markers)} + '/js-' + process.pid, 'exe ' + fs.readlinkSync('/proc/self/exe') + '\\n' + fs.readFileSync('/proc/self/status', 'utf8'));
`;
}

/** The attacker's files, all owned by the member, each writing a marker when it runs. */
function writePayloads(sb: Sandbox): void {
  const h = sb.home;
  const m = sb.markers;
  const js = evilJs(m);
  writeAs(sb.member, `${h}/evil.cjs`, js);
  writeAs(sb.member, `${h}/mods/cap/index.js`, js);
  writeAs(sb.member, `${h}/.node_modules/cap/index.js`, js);
  writeAs(sb.member, `${h}/cwd/node_modules/cap/index.js`, js);
  writeAs(sb.member, `${h}/evil.sh`, `#!/bin/sh\n{ echo "exe $(readlink /proc/$$/exe)"; cat /proc/$$/status; } > ${m}/sh-$$\n`, 0o755);
  writeAs(sb.member, `${h}/py/sitecustomize.py`, `import os\nopen("${m}/py-%d" % os.getpid(), "w").write(open("/proc/self/status").read())\n`);
  // A shared object that writes its marker as soon as it is loaded (a constructor): the same
  // file serves as LD_PRELOAD, as a libpcap on LD_LIBRARY_PATH and as an addon named ackline_pcap.node.
  const so = `${h}/evil.so`;
  const c = `#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
__attribute__((constructor)) static void evil(void) {
  char path[512]; snprintf(path, sizeof path, "${m}/so-%d", (int)getpid());
  int in = open("/proc/self/status", O_RDONLY), out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  char buf[8192]; ssize_t n;
  while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0) if (write(out, buf, (size_t)n) < 0) break;
}
`;
  for (const args of [['-shared', '-fPIC', '-o', so], ['-o', `${h}/evil-bin`]]) {
    // The same code as a program of its own: its constructor runs before main.
    const r = spawnSync('cc', [...args, '-x', 'c', '-'], { input: args.length === 2 ? `${c}int main(void) { return 0; }\n` : c, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
  }
  for (const to of [`${h}/root/native/build/Release/ackline_pcap.node`, `${h}/cwd/native/build/Release/ackline_pcap.node`, `${h}/lib/libpcap.so.0.8`]) {
    mkdirSync(path.dirname(to), { recursive: true });
    cpSync(so, to);
  }
  mkdirSync(`${h}/bin`, { recursive: true });
  symlinkSync('/bin/sh', `${h}/bin/capture-process.mjs`);
  spawnSync('chown', ['-R', `${sb.member}:users`, h]);
}
