// build/scripts/install-capture-rights.sh: what it refuses (each with one line saying why and
// what to do, changing nothing), and --uninstall. The installation itself, and a capture
// through it, are test/capture/installed-capture.test.ts.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, installScript, sandboxUnavailable, writeAs, type Sandbox } from '../capture/launcher-sandbox.js';
import { repoRoot } from '../support/captures.js';

const script = path.join(repoRoot, 'build/scripts/install-capture-rights.sh');

it('is valid POSIX shell', () => {
  expect(spawnSync('sh', ['-n', script]).status).toBe(0);
});

const unavailable = sandboxUnavailable();

describe.skipIf(!!unavailable)('install-capture-rights.sh', () => {
  let sb: Sandbox;
  let prefix: string;
  const oneLine = (r: { stderr: string }): void => expect(r.stderr).toMatch(/^install-capture-rights: [^\n]+\n$/);

  beforeAll(() => {
    sb = createSandbox();
    prefix = path.join(sb.base, 'lib/ackline');
  });
  afterAll(() => sb?.cleanup());

  it('must run as root', () => {
    const r = installScript(['--prefix', prefix, '--group', sb.group], { as: sb.member });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^install-capture-rights: must run as root: sudo /);
    oneLine(r);
  });

  it('refuses a runtime that is not root-owned all the way up (nvm under a home folder, /tmp)', () => {
    writeAs(sb.member, path.join(sb.home, '.nvm/bin/node'), '#!/bin/sh\n', 0o755);
    let r = installScript(['--prefix', prefix, '--group', sb.group, '--node', path.join(sb.home, '.nvm/bin/node')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot use ${sb.home}/.nvm/bin/node as the capture runtime: ${sb.home}/.nvm/bin/node is not owned by root.`);
    oneLine(r);
    const sticky = path.join(sb.base, 'sticky');
    mkdirSync(sticky);
    chmodSync(sticky, 0o1777);
    writeFileSync(path.join(sticky, 'node'), '', { mode: 0o755 });
    r = installScript(['--prefix', prefix, '--group', sb.group, '--node', path.join(sticky, 'node')]);
    expect(r.stderr).toContain(`${sticky} is writable by group or others`);
    expect(existsSync(prefix)).toBe(false);
  });

  it('refuses a prefix or group name it cannot build into a launcher safely', () => {
    for (const [args, why] of [
      [['--prefix', 'lib/ackline'], /--prefix must be a plain absolute path/],
      [['--prefix', '/opt/ack line'], /--prefix must be a plain absolute path/],
      [['--group', 'Bad"Group'], /--group: not a group name/],
      [['--bogus'], /unknown option --bogus/],
      [['--user'], /--user needs a value/],
    ] as const) {
      const r = installScript([...args]);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(why);
      oneLine(r);
    }
  });

  it('says what to build when the capture files are missing', () => {
    const empty = path.join(sb.base, 'empty');
    mkdirSync(empty);
    const r = installScript(['--from', empty, '--prefix', prefix, '--group', sb.group, '--node', sb.node]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`install-capture-rights: ${empty}/out/capture/capture-process.mjs is missing: build Ackline first (npm run build; the native module needs libpcap-dev)\n`);
    expect(existsSync(prefix)).toBe(false);
  });

  it('installs, adds --user to the group, and --uninstall takes it all away again', () => {
    let r = installScript(['--prefix', prefix, '--group', sb.group, '--node', sb.node, '--user', sb.outsider]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`${prefix}/ackline-capture-launcher may capture for root and members of ${sb.group}`);
    expect(spawnSync('id', ['-nG', sb.outsider], { encoding: 'utf8' }).stdout.split(/\s+/)).toContain(sb.group);
    expect(readdirSync(prefix).sort()).toEqual(expect.arrayContaining(['ackline-capture-launcher', 'ackline_pcap.node', 'capture-process.mjs']));
    r = installScript(['--uninstall', '--prefix', prefix, '--group', sb.group]);
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(prefix)).toBe(false);
  });
});
