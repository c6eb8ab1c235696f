// Stores reach the host through this one injection point, so tests hand them a fake.
import type { AcklineClient } from './client.js';

let current: AcklineClient | undefined;

export function provideApi(client: AcklineClient): void {
  current = client;
}

export function useApi(): AcklineClient {
  if (!current) throw new Error('Ackline API not connected');
  return current;
}
