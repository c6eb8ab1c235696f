// A throwaway world for the capture launcher's tests, as root: a group standing in for
// `ackline`, a member (the attacker: a real local user in that group) and an outsider,
// root-owned trees holding the capture bundle the way an install does, launchers compiled
// with their paths built in and given the capabilities with setcap, and payloads that write
// a marker file with the capabilities they ran with. Names are unique per test run (the
// machine is shared): the launcher's group is compiled in, so the tests never touch the real
// `ackline` group or /usr/local/lib/ackline.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/captures.js';

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Why these tests cannot run here, or null when they can. */
export function sandboxUnavailable(): string | null {
  if (process.platform !== 'linux') return 'Linux only';
  if (process.getuid?.() !== 0) return 'needs root (to create users and set file capabilities)';
  for (const cmd of ['cc', 'setcap', 'setpriv', 'useradd', 'groupadd']) if (!has(cmd)) return `needs ${cmd}`;
  for (const f of ['out/capture/capture-process.mjs', 'native/build/Release/ackline_pcap.node'])
    if (!existsSync(path.join(repoRoot, f))) return `needs ${f} (npm run build)`;
  return null;
}

export interface Sandbox {
  /** Root-owned, mode 755, under /var/lib (not /tmp: a world-writable parent would make every path in it untrusted). */
  readonly base: string;
  readonly group: string;
  /** A member of `group`: the attacker. */
  readonly member: string;
  /** A local user outside `group`. */
  readonly outsider: string;
  /** A folder the member owns: where the attacker's files go. */
  readonly home: string;
  /** Where payloads write their markers (writable by the member). */
  readonly markers: string;
  /** A Node runtime whose whole path is root-owned and not writable by others. */
  readonly node: string;
  cleanup(): void;
}

function run(cmd: string, args: string[]): string {
  for (let attempt = 0; ; attempt++) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.status === 0) return r.stdout;
    // Test files run in parallel, and useradd & co. lock /etc/passwd and /etc/group; userdel
    // also waits for the user's last processes to be gone.
    if (/lock|currently used by process/i.test(r.stderr) && attempt < 50) {
      spawnSync('sleep', ['0.1']);
      continue;
    }
    throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error?.message || `exit ${r.status}`}`);
  }
}

/** True when the path and every directory above it are root-owned and not writable by group or others. */
export function rootOwnedChain(p: string): boolean {
  for (let cur = p; ; cur = path.dirname(cur)) {
    const st = lstatSync(cur);
    if (st.uid !== 0 || (st.mode & 0o022) !== 0 || st.isSymbolicLink()) return false;
    if (cur === '/') return true;
  }
}

export function createSandbox(): Sandbox {
  const tag = `acklt${process.pid % 100000}`;
  const group = tag;
  const member = `${tag}m`;
  const outsider = `${tag}o`;
  const made: (() => void)[] = [];
  const cleanup = (): void => {
    for (const undo of made.splice(0).reverse()) {
      try {
        undo();
      } catch (e) {
        // The rest still goes; say what is left behind on this machine.
        console.warn(`launcher sandbox cleanup: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };
  try {
    const base = mkdtempSync('/var/lib/ackline-test-');
    made.push(() => rmSync(base, { recursive: true, force: true }));
    chmodSync(base, 0o755);
    run('groupadd', [group]);
    made.push(() => run('groupdel', [group]));
    for (const [user, groups] of [
      [member, ['-G', group]],
      [outsider, []],
    ] as const) {
      run('useradd', ['--no-create-home', '--no-user-group', '--gid', 'users', '--shell', '/usr/sbin/nologin', ...groups, user]);
      made.push(() => run('userdel', [user]));
    }
    const uid = Number(run('id', ['-u', member]).trim());
    const gid = Number(run('id', ['-g', member]).trim());
    const home = path.join(base, 'home');
    const markers = path.join(home, 'markers');
    mkdirSync(markers, { recursive: true });
    for (const d of [home, markers]) chownSync(d, uid, gid);
    // The runtime: this Node when an administrator owns its whole path, else a root-owned copy.
    let node = realpathSync(process.execPath);
    if (!rootOwnedChain(node)) {
      mkdirSync(path.join(base, 'runtime'), { mode: 0o755 });
      node = path.join(base, 'runtime/node');
      cpSync(process.execPath, node);
      chmodSync(node, 0o755);
    }
    return { base, group, member, outsider, home, markers, node, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/** Copies the capture bundle into `dir` the way a package lays it out (app.asar.unpacked). */
export function installTree(dir: string, parts: { addon: boolean; cap: boolean }): string {
  const script = path.join(dir, 'out/capture/capture-process.mjs');
  mkdirSync(path.dirname(script), { recursive: true, mode: 0o755 });
  cpSync(path.join(repoRoot, 'out/capture/capture-process.mjs'), script);
  if (parts.addon) {
    mkdirSync(path.join(dir, 'native/build/Release'), { recursive: true, mode: 0o755 });
    cpSync(path.join(repoRoot, 'native/build/Release/ackline_pcap.node'), path.join(dir, 'native/build/Release/ackline_pcap.node'));
  }
  const cap = path.join(repoRoot, 'node_modules/cap');
  if (parts.cap && existsSync(path.join(cap, 'build/Release/cap.node'))) {
    const to = path.join(dir, 'node_modules/cap');
    for (const f of ['package.json', 'lib', 'build/Release/cap.node']) cpSync(path.join(realpathSync(cap), f), path.join(to, f), { recursive: true });
  }
  run('chown', ['-R', 'root:root', dir]);
  run('chmod', ['-R', 'u=rwX,go=rX', dir]);
  return script;
}

export interface LauncherBuild {
  readonly runtime: string;
  readonly script: string;
  readonly group: string;
  /** File mode once installed (root:group); 0o750 as packages install it. */
  readonly mode?: number;
  /** Launcher source (default: native/src/launcher.c). */
  readonly source?: string;
}

/** Compiles a launcher with its paths built in, installs it at `dest` and gives it the capabilities. */
export function buildLauncher(dest: string, b: LauncherBuild): string {
  mkdirSync(path.dirname(dest), { recursive: true, mode: 0o755 });
  const q = (s: string): string => JSON.stringify(s);
  run('cc', ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', `-DACKLINE_RUNTIME=${q(b.runtime)}`, `-DACKLINE_SCRIPT=${q(b.script)}`, `-DACKLINE_GROUP=${q(b.group)}`, '-o', dest, b.source ?? path.join(repoRoot, 'native/src/launcher.c')]);
  run('chown', [`root:${b.group}`, dest]);
  chmodSync(dest, b.mode ?? 0o750);
  run('setcap', ['cap_net_raw,cap_net_admin=ep', dest]);
  return dest;
}

/**
 * Runs `argv` as `user` with exactly `env` (through env -i, so the test's own tools never
 * see the attacker's LD_PRELOAD and the like) in `cwd`.
 */
export function runAs(user: string, argv: string[], opts: { env?: Record<string, string>; cwd?: string; timeout?: number } = {}): SpawnSyncReturns<string> {
  const env = Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`);
  return spawnSync('setpriv', [`--reuid=${user}`, '--regid=users', '--init-groups', '--', '/usr/bin/env', '-i', ...env, ...argv], {
    encoding: 'utf8',
    cwd: opts.cwd ?? '/',
    timeout: opts.timeout ?? 20000,
  });
}

/** runAs, started in the background; `ipc` gives the child a Node IPC channel on fd 3, as spawnCapture does. */
export function spawnAs(user: string, argv: string[], opts: { env?: Record<string, string>; cwd?: string; ipc?: boolean } = {}): ChildProcess {
  const env = { ...(opts.env ?? {}), ...(opts.ipc ? { NODE_CHANNEL_FD: '3', NODE_CHANNEL_SERIALIZATION_MODE: 'json' } : {}) };
  const vars = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return spawn('setpriv', [`--reuid=${user}`, '--regid=users', '--init-groups', '--', '/usr/bin/env', '-i', ...vars, ...argv], {
    cwd: opts.cwd ?? '/',
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs build/scripts/install-capture-rights.sh (as root) with these arguments. */
export function installScript(args: string[], opts: { as?: string } = {}): SpawnSyncReturns<string> {
  const script = path.join(repoRoot, 'build/scripts/install-capture-rights.sh');
  if (opts.as) return runAs(opts.as, ['/bin/sh', script, ...args]);
  return spawnSync('/bin/sh', [script, ...args], { encoding: 'utf8', timeout: 60000 });
}

export interface Marker {
  readonly file: string;
  readonly text: string;
  /** CapEff, CapPrm and CapAmb of the process that wrote it (hex, as in /proc/PID/status). */
  readonly caps: Record<'CapEff' | 'CapPrm' | 'CapAmb', string>;
  readonly privileged: boolean;
}

export function readMarkers(dir: string): Marker[] {
  return readdirSync(dir).map((f) => {
    const file = path.join(dir, f);
    const text = readFileSync(file, 'utf8');
    const cap = (name: string): string => new RegExp(`^${name}:\\s*([0-9a-f]+)`, 'm').exec(text)?.[1] ?? '?';
    const caps = { CapEff: cap('CapEff'), CapPrm: cap('CapPrm'), CapAmb: cap('CapAmb') };
    return { file, text, caps, privileged: Object.values(caps).some((v) => !/^0+$/.test(v)) };
  });
}

export function clearMarkers(dir: string): void {
  for (const f of readdirSync(dir)) rmSync(path.join(dir, f), { force: true });
}

/** Writes a file as the member would (owned by them). */
export function writeAs(uidOf: string, file: string, text: string, mode = 0o644): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
  run('chown', [`${uidOf}:users`, file]);
}

/** The capabilities of every thread of a live process (from /proc), one entry per thread. */
export function threadCaps(pid: number): { tid: string; CapEff: string; CapPrm: string; CapAmb: string; CapInh: string }[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => {
    const text = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
    const cap = (name: string): string => new RegExp(`^${name}:\\s*([0-9a-f]+)`, 'm').exec(text)?.[1] ?? '?';
    return { tid, CapEff: cap('CapEff'), CapPrm: cap('CapPrm'), CapAmb: cap('CapAmb'), CapInh: cap('CapInh') };
  });
}

export function isDir(p: string): boolean {
  return existsSync(p) && statSync(p).isDirectory();
}
