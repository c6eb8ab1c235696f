// How a page served by `ackline serve` hands a dropped or picked file to its host: the File
// is the body of one HTTP request (the browser streams it from disk; it is never read into
// the page's memory), with upload progress; the host answers an id that the page's session
// then opens (the contract's openUpload). The host's limit is asked first, so a file over it
// is refused before a byte is sent.
import { formatBytes } from '../../../electron/shared/byte-size.js';

export interface UploadLimits {
  /** The most one upload may be (ackline serve --max-upload). */
  maxBytes: number;
  /** What the host's temporary folder can take now. */
  availableBytes: number;
}

export interface Uploader {
  limits(): Promise<UploadLimits>;
  /** Sends `file`; resolves with the id to open. Rejects with the host's one-line reason. */
  send(file: File, onProgress: (sent: number) => void, signal?: AbortSignal): Promise<{ id: string; size: number }>;
}

/** Raised when the upload was stopped on purpose (Stop): not an error to show. */
export class UploadCancelled extends Error {}

function query(loc: Pick<Location, 'search'>, extra: Record<string, string> = {}): string {
  const token = new URLSearchParams(loc.search).get('token');
  const q = new URLSearchParams({ ...extra, ...(token ? { token } : {}) });
  return q.toString();
}

function reason(status: number, body: string, fallback: string): string {
  try {
    const r = JSON.parse(body) as { error?: unknown };
    if (typeof r.error === 'string') return r.error;
  } catch {
    // Not JSON: a proxy's or the server's plain text.
  }
  return status ? `${fallback} (HTTP ${status})` : fallback;
}

export function httpUploader(loc: Pick<Location, 'search'>): Uploader {
  return {
    async limits() {
      const r = await fetch(`/upload?${query(loc)}`, { credentials: 'same-origin' });
      if (!r.ok) throw new Error(reason(r.status, await r.text(), 'The host did not say how large an upload may be'));
      const j = (await r.json()) as Partial<UploadLimits>;
      if (typeof j.maxBytes !== 'number' || typeof j.availableBytes !== 'number') throw new Error('The host answered the upload limit in a form this page does not know');
      return { maxBytes: j.maxBytes, availableBytes: j.availableBytes };
    },

    send(file, onProgress, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(new UploadCancelled(`The upload of ${file.name} was stopped.`));
        const x = new XMLHttpRequest();
        x.open('POST', `/upload?${query(loc, { name: file.name })}`);
        x.setRequestHeader('Content-Type', 'application/octet-stream');
        x.upload.onprogress = (e) => onProgress(e.loaded);
        x.onload = () => {
          if (x.status !== 201) return reject(new Error(reason(x.status, x.responseText, `The upload of ${file.name} was refused`)));
          try {
            const r = JSON.parse(x.responseText) as { id?: unknown; size?: unknown };
            if (typeof r.id !== 'string' || typeof r.size !== 'number') throw new Error('no id');
            resolve({ id: r.id, size: r.size });
          } catch {
            reject(new Error(`The host's answer to the upload of ${file.name} was not understood.`));
          }
        };
        x.onerror = () => reject(new Error(`The upload of ${file.name} failed: the connection to the Ackline host was lost. The open capture is unchanged.`));
        x.onabort = () => reject(new UploadCancelled(`The upload of ${file.name} was stopped.`));
        signal?.addEventListener('abort', () => x.abort(), { once: true });
        x.send(file);
      });
    },
  };
}

/** Why `size` bytes cannot be uploaded under `limits`, in the words the host would use; undefined if it can. */
export function uploadRefusal(name: string, size: number, limits: UploadLimits): string | undefined {
  if (size > limits.maxBytes) return `${name} is ${formatBytes(size)}, more than the ${formatBytes(limits.maxBytes)} this server accepts (ackline serve --max-upload). The open capture is unchanged.`;
  if (size > limits.availableBytes) return `${name} (${formatBytes(size)}) does not fit: the server's temporary folder has ${formatBytes(limits.availableBytes)} to spare. The open capture is unchanged.`;
  return undefined;
}
