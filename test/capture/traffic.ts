// Local traffic for capture tests: TCP (server + client), a UDP exchange and ICMP (UDP to a
// closed port answers with ICMP port unreachable). Only 127.0.0.1 is ever a target.
import { createSocket } from 'node:dgram';
import { createServer, connect } from 'node:net';

export async function makeTraffic(port: number): Promise<void> {
  // TCP: a server echoing one line, a client that sends it and closes.
  await new Promise<void>((resolve, reject) => {
    const server = createServer((s) => s.on('data', (d) => s.end(d)));
    server.listen(port, '127.0.0.1', () => {
      const c = connect(port, '127.0.0.1', () => c.write('hello ackline\n'));
      c.on('data', () => c.end());
      c.on('close', () => server.close(() => resolve()));
      c.on('error', reject);
    });
  });
  // UDP: request and echo.
  await new Promise<void>((resolve) => {
    const srv = createSocket('udp4');
    srv.on('message', (m, r) => srv.send(m, r.port, r.address));
    srv.bind(port + 1, '127.0.0.1', () => {
      const cli = createSocket('udp4');
      cli.on('message', () => {
        cli.close();
        srv.close();
        resolve();
      });
      cli.send('ping', port + 1, '127.0.0.1');
    });
  });
  // ICMP: a datagram to a port nobody listens on.
  await new Promise<void>((resolve) => {
    const s = createSocket('udp4');
    s.on('error', () => undefined);
    s.send('nobody', port + 2, '127.0.0.1', () => setTimeout(() => (s.close(), resolve()), 100));
  });
}
