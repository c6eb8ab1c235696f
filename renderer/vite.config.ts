// Builds the renderer bundle once for both hosts: Electron loads out/renderer/index.html
// from disk and `ackline serve` serves the same files, hence relative asset URLs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { META_CSP } from '../electron/renderer-files/csp.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // The page's <meta> policy comes from the one the hosts send (one place for it).
  plugins: [vue(), { name: 'ackline-csp', transformIndexHtml: (html: string) => html.replace('%ACKLINE_CSP%', META_CSP) }],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // One file of our code and one of libraries keep the first paint to two requests.
    rollupOptions: { output: { manualChunks: (id) => (id.includes('node_modules') ? 'vendor' : undefined) } },
  },
});
