// Test helper: index a capture file of the shared corpus with a CaptureIndex.
import { CaptureIndex } from '../../../electron/engine/flows/capture-index.js';
import { readCaptureBytes } from '../../../electron/capfile/capture-reader.js';
import { readCapture } from '../../support/captures.js';

export function indexBytes(bytes: Uint8Array): CaptureIndex {
  const idx = new CaptureIndex();
  readCaptureBytes(bytes, { onInterface: (i) => idx.addInterface(i), onPacket: (rec, data) => void idx.add(rec, data) });
  return idx;
}

export function indexCapture(rel: string): CaptureIndex {
  return indexBytes(readCapture(rel));
}
