// TEST-ONLY: real traffic for the live-capture suites, on 127.0.0.1 only: an echo server and
// one client connection to it, driven step by step or kept busy.
import { connect, createServer, type Server, type Socket } from 'node:net';

export class LoopbackEcho {
  private client: Socket | undefined;
  private busy = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** The server only: connect() later, so that a capture started in between sees the SYN. */
  static async listen(): Promise<LoopbackEcho> {
    const server = createServer((s) => {
      s.on('error', () => undefined);
      s.on('data', (d) => s.write(d));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('the echo server has no port');
    return new LoopbackEcho(server, addr.port);
  }

  /** The server and the client connected to it. */
  static async connected(): Promise<LoopbackEcho> {
    const echo = await LoopbackEcho.listen();
    await echo.connect();
    return echo;
  }

  async connect(): Promise<void> {
    const c = await new Promise<Socket>((resolve, reject) => {
      const s = connect(this.port, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    c.setNoDelay(true);
    c.on('error', () => undefined);
    this.client = c;
  }

  private socket(): Socket {
    if (!this.client) throw new Error('the echo client is not connected');
    return this.client;
  }

  /** Sends a line and waits for its echo. */
  async say(line: string): Promise<void> {
    const c = this.socket();
    const back = new Promise<void>((r) => c.once('data', () => r()));
    c.write(`${line}\n`);
    await back;
  }

  /** `n` request/answer pairs, one after the other. */
  async exchange(n: number): Promise<void> {
    for (let i = 0; i < n; i++) await this.say(`line ${i}`);
  }

  /** Keeps the conversation busy (a few hundred packets a second) until close or destroy. */
  keepBusy(): void {
    const c = this.socket();
    this.busy = true;
    c.on('data', () => this.busy && setTimeout(() => this.busy && c.write('ping'), 2));
    c.write('ping');
  }

  /** The client closes first (it ends in TIME_WAIT); the server closes its side in turn. */
  async close(): Promise<void> {
    this.busy = false;
    const c = this.client;
    if (c && !c.destroyed) {
      const closed = new Promise<void>((r) => c.once('close', () => r()));
      c.end();
      await closed;
    }
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Drops everything at once (a test that failed half-way). */
  destroy(): void {
    this.busy = false;
    this.client?.destroy();
    this.server.close();
  }
}
