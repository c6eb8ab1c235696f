// electron/capture/: the privileged capture process, its backends, and the parent side that starts it (spawn-capture.ts).
//
// Entry of the capture process (the only code that ever holds capture rights, and only until
// its adapter is open): thin wiring of CaptureRunner to the parent's IPC channel. Started by
// the app or the CLI (through the capture launcher unless root) with a JSON request in
// ACKLINE_CAPTURE_REQUEST; stops on a 'stop' message or as soon as its parent goes away.
import { parseCaptureRequest, type FromCapture } from '../shared/capture-protocol.js';
import { isToCapture } from '../shared/capture-protocol.js';
import { CaptureRunner } from './capture-runner.js';
import { dropPrivileges } from './drop-privileges.js';
import { loadNative } from './native-backend.js';
import { pickBackend } from './pick-backend.js';

const send = (m: FromCapture): void => {
  if (process.send && process.connected) process.send(m);
  else process.stdout.write(JSON.stringify(m) + '\n');
};

function main(): void {
  const parsed = parseCaptureRequest(process.env.ACKLINE_CAPTURE_REQUEST);
  if ('error' in parsed) {
    send({ type: 'error', reason: 'other', message: parsed.error });
    process.exit(2);
  }
  const req = parsed.request;
  const { backend, problem } = pickBackend(req.backend);
  if (!backend) {
    send({ type: 'error', reason: 'unavailable', message: problem });
    process.exit(2);
  }
  // Whichever backend captures, the native addon is what can drop the rights afterwards.
  const native = loadNative();
  const drop = (): string | null => dropPrivileges(native ? () => native.dropCapabilities() : null);
  const runner = new CaptureRunner(backend, req, send, (code) => setImmediate(() => process.exit(code)), drop);
  process.on('message', (m) => {
    if (isToCapture(m)) runner.stop();
  });
  // Parent death: the IPC channel closes; stop cleanly so the file ends with its statistics.
  process.on('disconnect', () => runner.stop());
  process.on('SIGTERM', () => runner.stop());
  process.on('SIGINT', () => runner.stop());
  runner.start();
}

main();
