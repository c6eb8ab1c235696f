// Mounts the app over a connected client (the entry and the test harness share this).
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import type { AcklineClient } from './api/client.js';
import { provideApi } from './api/use-api.js';
import App from './App.vue';
import './styles/theme.css';

export function boot(client: AcklineClient, el: string | Element = '#app'): void {
  provideApi(client);
  createApp(App).use(createPinia()).mount(el);
}
