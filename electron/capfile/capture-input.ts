// The bytes of a capture as they come in (a file, stdin, a pipe, a Blob), made plain: a
// gzip-compressed capture is recognised by its magic number (1f 8b), never by its name, and
// inflated on the fly; anything else passes through untouched. Hosts feed this instead of the
// capture reader, and stop reading as soon as push() returns false. (capture-input-with.ts
// is the same input with the gunzip left to the host, for a host that loads it lazily.)
import { createCaptureInputWith, type CaptureInput } from './capture-input-with.js';
import { GunzipStream } from './gunzip-stream.js';

export type { CaptureInput } from './capture-input-with.js';

/** `out` receives the plain bytes (valid during the call only, unless gzip: then fresh arrays); false stops the input. */
export function createCaptureInput(out: (chunk: Uint8Array) => boolean | void): CaptureInput {
  return createCaptureInputWith(out, (onData) => new GunzipStream(onData));
}
