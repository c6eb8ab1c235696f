// "Transport names": a TCP or UDP port's service name from the table generated from a
// services file at build time (service-ports.ts), so a capture reads the same on any host.
import { TCP_SERVICES, UDP_SERVICES } from './service-ports.js';

export function portName(transport: 'tcp' | 'udp', port: number): string | undefined {
  return (transport === 'tcp' ? TCP_SERVICES : UDP_SERVICES).get(port);
}
