// TEST-ONLY: builds the screenshot harness (renderer + fake host) into test/.artifacts.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [vue()],
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../../.artifacts/harness', import.meta.url)), emptyOutDir: true, target: 'chrome120', minify: false },
});
