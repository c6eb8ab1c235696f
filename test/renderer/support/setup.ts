// TEST-ONLY: a fresh Pinia and the fake host behind the real API client for each test.
import { createPinia, setActivePinia } from 'pinia';
import { provideApi } from '../../../renderer/src/api/use-api.js';
import { fakeClient, settle } from './fake-client.js';
import type { FakeHostOptions } from './fake-host.js';

export function setup(opts: FakeHostOptions = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const { host, client } = fakeClient(opts);
  provideApi(client);
  return { host, client, pinia, settle };
}

export { settle };
