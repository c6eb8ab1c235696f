// TEST-ONLY: records a real ~100k-packet TCP flow at test time (root, Linux): a bulk
// transfer between two sockets on the loopback of a network namespace of our own, its MTU
// set to Ethernet's 1500 so that segments are the size a real link carries, while a UDP
// request/echo runs beside it every 2 ms so the flow's packets are interleaved with another
// flow's, as in a big capture. tcpdump writes it (snaplen 96). Nothing leaves the namespace, which is deleted
// afterwards; every process started here is stopped by its pid.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';

const BULK = `
const { createServer, connect } = require('node:net');
const { createSocket } = require('node:dgram');
const [bytes, port] = [Number(process.argv[1]), Number(process.argv[2])];
const echo = createSocket('udp4');
echo.on('message', (m, r) => echo.send(m, r.port, r.address));
const asker = createSocket('udp4');
let ticker;
echo.bind(port + 1, '127.0.0.1', () => { ticker = setInterval(() => asker.send('tick', port + 1, '127.0.0.1'), 2); });
const server = createServer((s) => { s.on('data', () => {}); s.on('end', () => s.end()); });
server.listen(port, '127.0.0.1', () => {
  const c = connect(port, '127.0.0.1', () => {
    const chunk = Buffer.alloc(65536, 0x61);
    let left = bytes;
    const pump = () => { while (left > 0) { left -= chunk.length; if (!c.write(chunk)) return void c.once('drain', pump); } c.end(); };
    pump();
  });
  c.on('data', () => {});
  c.on('close', () => { server.close(); setTimeout(() => { clearInterval(ticker); echo.close(); asker.close(); }, 20); });
});`;

/** Whether this machine can record it: root on Linux with ip and tcpdump. */
export function canRecordBulkFlow(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  return ['ip', 'tcpdump'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
}

const run = (args: string[]): void => {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr.trim()}`);
};

function waitFor(p: ChildProcess, what: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`tcpdump did not start: ${buf}`)), 30_000);
    p.stderr!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (what.test(buf)) {
        clearTimeout(t);
        resolve();
      }
    });
  });
}

const exited = (p: ChildProcess): Promise<unknown> => (p.exitCode !== null || p.signalCode !== null ? Promise.resolve() : new Promise((r) => p.once('exit', r)));
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Records `bytes` of bulk TCP data (150 MB ≈ 105k packets) into `dir`/bulk-flow.pcap and
 * returns its path. Takes a few seconds.
 */
export async function recordBulkFlow(dir: string, bytes = 150_000_000): Promise<string> {
  const ns = `ackline-bulk-${process.pid}`;
  const file = path.join(dir, 'bulk-flow.pcap');
  const port = 5001;
  run(['ip', 'netns', 'add', ns]);
  const started: ChildProcess[] = [];
  try {
    run(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
    run(['ip', '-n', ns, 'link', 'set', 'lo', 'mtu', '1500']);
    // Segmentation offload would hand tcpdump 64 kB "segments"; a real link never carries them.
    spawnSync('ip', ['netns', 'exec', ns, 'ethtool', '-K', 'lo', 'tso', 'off', 'gso', 'off', 'gro', 'off']);
    const td = spawn('ip', ['netns', 'exec', ns, 'tcpdump', '-i', 'lo', '-s', '96', '-B', '65536', '-w', file, `tcp port ${port} or udp port ${port + 1}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    started.push(td);
    await waitFor(td, /listening on/);
    const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '-e', BULK, String(bytes), String(port)], { encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`bulk transfer failed: ${r.stderr}`);
    // tcpdump drains its buffer after the transfer: stop it once the file stops growing.
    let size = -1;
    for (let k = 0; k < 100; k++) {
      await sleep(300);
      const now = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
      if (now === size) break;
      size = now;
    }
    td.kill('SIGINT');
    await exited(td);
    return file;
  } finally {
    for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    spawnSync('ip', ['netns', 'del', ns]);
  }
}
