// Chooses the capture backend: the native binding when it loads, else `cap`; the user
// (preferences or --backend) can override.
import type { CaptureBackend } from './capture-backend.js';
import { createCapBackend } from './cap-backend.js';
import { createNativeBackend, nativeLoadError } from './native-backend.js';

export type BackendChoice = 'auto' | 'native' | 'cap';

export function pickBackend(choice: BackendChoice = 'auto'): { backend: CaptureBackend | null; problem: string } {
  if (choice === 'cap') {
    const b = createCapBackend();
    return { backend: b, problem: b ? '' : 'the cap module is not installed or not built for this runtime' };
  }
  const n = createNativeBackend();
  if (n || choice === 'native') return { backend: n, problem: n ? '' : nativeLoadError() };
  const c = createCapBackend();
  return { backend: c, problem: c ? '' : `no capture backend: ${nativeLoadError()}; cap is unavailable too` };
}
