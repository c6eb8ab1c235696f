// Entry of the capture process (the only privileged code): thin wiring of CaptureRunner to
// the parent's IPC channel. Started by the app or the CLI with a JSON request in
// ACKLINE_CAPTURE_REQUEST; stops on a 'stop' message or as soon as its parent goes away.
import type { CaptureRequest, FromCapture } from './capture-protocol.js';
import { isToCapture } from './capture-protocol.js';
import { CaptureRunner } from './capture-runner.js';
import { pickBackend } from './pick-backend.js';

const send = (m: FromCapture): void => {
  if (process.send && process.connected) process.send(m);
  else process.stdout.write(JSON.stringify(m) + '\n');
};

function main(): void {
  let req: CaptureRequest;
  try {
    req = JSON.parse(process.env.ACKLINE_CAPTURE_REQUEST ?? '') as CaptureRequest;
  } catch {
    send({ type: 'error', reason: 'other', message: 'capture process started without a request' });
    process.exit(2);
  }
  const { backend, problem } = pickBackend(req.backend);
  if (!backend) {
    send({ type: 'error', reason: 'unavailable', message: problem });
    process.exit(2);
  }
  const runner = new CaptureRunner(backend, req, send, (code) => setImmediate(() => process.exit(code)));
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
