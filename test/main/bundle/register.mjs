// Test-only: registers hooks.mjs (node --import) so the bundled main process runs under Node.
import { register } from 'node:module';
register('./hooks.mjs', import.meta.url);
