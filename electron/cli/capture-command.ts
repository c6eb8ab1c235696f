// `ackline capture`: live capture from the command line through the same capture process
// the app uses. Prints tcpdump-identical lines as packets arrive (or writes -w FILE), and the
// drop counts at the end like tcpdump.
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CaptureRequest, FromCapture } from '../shared/capture-protocol.js';
import { pickBackend, type BackendChoice } from '../capture/pick-backend.js';
import { spawnCapture } from '../capture/spawn-capture.js';
import { createCaptureReader } from '../capfile/capture-reader.js';
import { tcpdumpLinktypeName } from '../capfile/linktypes.js';
import { createRegistry } from '../engine/protocols/index.js';
import { DEFAULT_LINE_OPTIONS, LinePrinter } from '../engine/summary/line-printer.js';
import { parseTcpdumpFlags } from '../engine/summary/tcpdump-flags.js';
import { CliError, type CliIo } from './cli-io.js';

interface CaptureArgs {
  iface?: string;
  filter: string;
  count: number;
  write?: string;
  snaplen: number;
  promiscuous: boolean;
  list: boolean;
  backend: BackendChoice;
  flags: string[];
}

function parseCaptureArgs(args: readonly string[]): CaptureArgs {
  const a: CaptureArgs = { filter: '', count: 0, snaplen: 262144, promiscuous: true, list: false, backend: 'auto', flags: [] };
  const filterWords: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    const next = (): string => {
      const v = args[++i];
      if (v === undefined) throw new CliError(`capture: ${x} needs a value`, 2);
      return v;
    };
    if (x === '-i') a.iface = next();
    else if (x === '-f') a.filter = next();
    else if (x === '-c') a.count = Number(next());
    else if (x === '-w') a.write = next();
    else if (x === '-s') a.snaplen = Number(next()) || 262144;
    else if (x === '-p') a.promiscuous = false;
    else if (x === '--list' || x === '-D') a.list = true;
    else if (x === '--backend') a.backend = next() as BackendChoice;
    else if (x.startsWith('-')) a.flags.push(x);
    else filterWords.push(x); // tcpdump style: the filter as trailing words
  }
  if (!a.filter && filterWords.length) a.filter = filterWords.join(' ');
  if (!Number.isInteger(a.count) || a.count < 0) throw new CliError('capture: -c takes a packet count', 2);
  if (!['auto', 'native', 'cap'].includes(a.backend)) throw new CliError('capture: --backend is auto, native or cap', 2);
  return a;
}

export async function runCapture(args: readonly string[], io: CliIo): Promise<number> {
  const a = parseCaptureArgs(args);
  if (a.list) {
    const { backend, problem } = pickBackend(a.backend);
    if (!backend) throw new CliError(problem);
    backend.listInterfaces().forEach((d, i) => {
      const extra = [d.loopback ? 'Loopback' : '', d.up ? 'Up' : '', d.running ? 'Running' : ''].filter(Boolean).join(', ');
      io.out(`${i + 1}.${d.name}${d.description ? ` (${d.description})` : ''} [${extra}]${d.addresses.length ? ' ' + d.addresses.join(' ') : ''}\n`);
    });
    return 0;
  }
  if (!a.iface) throw new CliError('capture: no interface given (-i IFACE; --list shows them)', 2);
  const { opts, unknown } = parseTcpdumpFlags(a.flags, { ...DEFAULT_LINE_OPTIONS, tz: (s) => io.tzOffset(s) });
  if (unknown.length) throw new CliError(`capture: unsupported option ${unknown.join(' ')}`, 2);
  const tmp = a.write ? null : mkdtempSync(path.join(tmpdir(), 'ackline-capture-'));
  const file = a.write ?? path.join(tmp!, 'capture.pcapng');
  const req: CaptureRequest = { interface: a.iface, filter: a.filter, snaplen: a.snaplen, promiscuous: a.promiscuous, bufferSize: 32 << 20, count: a.count, file, backend: a.backend };
  const printer = new LinePrinter(createRegistry(), opts);
  const reader = createCaptureReader({
    onInterface: (i) => printer.addInterface(i),
    onPacket: (rec, data) => {
      if (!a.write) io.out(printer.line(rec, data).text + '\n');
    },
  });
  let readOffset = 0;
  let fd = -1;
  const follow = (upTo: number): void => {
    if (fd < 0) fd = openSync(file, 'r');
    const buf = new Uint8Array(1 << 20);
    while (readOffset < upTo) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, upTo - readOffset), readOffset);
      if (n <= 0) break;
      reader.push(buf.subarray(0, n));
      readOffset += n;
    }
  };
  const proc = spawnCapture(req);
  const onSignal = (): void => proc.stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let failure: Extract<FromCapture, { type: 'error' }> | null = null;
  let final: Extract<FromCapture, { type: 'stopped' }> | null = null;
  await new Promise<void>((resolve) => {
    proc.onMessage((m) => {
      switch (m.type) {
        case 'started':
          io.err(`listening on ${a.iface}, link-type ${tcpdumpLinktypeName(m.linktype)}, snapshot length ${m.snaplen} bytes${m.limits ? `\n${m.limits}` : ''}\n`);
          break;
        case 'flushed':
          follow(m.fileBytes);
          void io.flush();
          break;
        case 'error':
          failure ??= m;
          break;
        case 'stopped':
          final = m;
          follow(m.fileBytes);
          break;
      }
    });
    proc.onExit(() => resolve());
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (fd >= 0) closeSync(fd);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  const f = failure as Extract<FromCapture, { type: 'error' }> | null;
  if (f && !final) throw new CliError(`${a.iface}: ${f.message}${f.fix ? `\n${f.fix}` : ''}`, f.reason === 'permission' ? 77 : 1);
  const s = (final as Extract<FromCapture, { type: 'stopped' }> | null) ?? null;
  if (s) {
    io.err(`\n${s.packets} packet${s.packets === 1 ? '' : 's'} captured\n${s.stats.received} packet${s.stats.received === 1 ? '' : 's'} received by filter\n${s.stats.droppedByKernel} packet${s.stats.droppedByKernel === 1 ? '' : 's'} dropped by kernel\n`);
    if (s.stats.droppedByInterface) io.err(`${s.stats.droppedByInterface} packets dropped by interface\n`);
  }
  return 0;
}
