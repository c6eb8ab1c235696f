// How every CLI command reads a capture: the input (a file, `-` for stdin, a FIFO; plain or
// gzip-compressed) goes through the capture reader, and reading stops at the reader's first
// verdict. So a file that never ends (/dev/zero) or a huge non-capture stops after one chunk.
import { createCaptureInputWith } from '../capfile/capture-input-with.js';
import { createCaptureReader, type CaptureReader, type CaptureReaderOptions } from '../capfile/capture-reader.js';
import type { ReaderSink } from '../capfile/types.js';
import { CliError, type CliIo } from './cli-io.js';
import { DeferredGunzip } from './deferred-gunzip.js';

export interface ReadOutcome {
  readonly reader: CaptureReader;
  /** `FILE: what is wrong`, for a capture damaged after some packets; null when read to its end. */
  readonly damage: string | null;
}

/**
 * Reads `file` into `sink`. Input that is not a capture at all (unknown format, too short,
 * a gzip of something else) is refused with a CliError before anything is printed; damage
 * after the start is returned, with every good packet before it delivered.
 */
export async function readCapture(io: CliIo, file: string, sink: ReaderSink, options: CaptureReaderOptions = {}): Promise<ReadOutcome> {
  const reader = createCaptureReader(sink, options);
  // The gunzip is loaded only for a gzip input (DeferredGunzip).
  let gunzip: DeferredGunzip | null = null;
  const input = createCaptureInputWith(
    (chunk) => {
      reader.push(chunk);
      return reader.error === null;
    },
    (onData) => (gunzip = new DeferredGunzip(onData)),
  );
  await io.readChunks(file, (chunk) => input.push(chunk));
  if (gunzip) await (gunzip as DeferredGunzip).ready;
  input.end();
  // A gzip cut short is the cause of whatever the reader then says about a partial record.
  if (input.error) {
    if (reader.format === null) throw new CliError(`${file}: ${input.error}`);
    return { reader, damage: `${file}: ${input.error}` };
  }
  reader.end();
  const e = reader.error;
  if (!e) return { reader, damage: null };
  const gz = input.compression === 'gzip' ? ' of the decompressed data' : '';
  // Where libpcap's pcap_open_offline() fails, tcpdump says only what is wrong.
  if (e.phase === 'open' && reader.packetCount === 0) throw new CliError(`${file}: ${e.message}`);
  return { reader, damage: `${file}: ${e.message} (at byte offset ${e.offset}${gz})` };
}
