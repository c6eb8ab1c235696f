// @vitest-environment happy-dom
// A file dropped on a page served by `ackline serve`: the host's limit is known from the
// start (the text shown where files are dropped), a file over it is refused before a byte
// is sent and the open capture stays, a file within it uploads with progress and opens by
// id, Stop aborts the upload, and the host's refusal reaches the user as its one line.
import { describe, expect, it } from 'vitest';
import { UploadCancelled, type Uploader, type UploadLimits } from '../../../renderer/src/api/uploader.js';
import { provideApi } from '../../../renderer/src/api/use-api.js';
import { useSessionStore } from '../../../renderer/src/stores/session.js';
import { setup, settle } from '../support/setup.js';

const GiB = 1024 ** 3;

interface FakeUploader extends Uploader {
  sent: string[];
  progress: number[];
}

function fakeUploader(limits: UploadLimits, answer: (file: File, signal?: AbortSignal) => Promise<{ id: string; size: number }>): FakeUploader {
  const u: FakeUploader = {
    sent: [],
    progress: [],
    limits: async () => limits,
    async send(file, onProgress, signal) {
      u.sent.push(file.name);
      onProgress(file.size / 2);
      u.progress.push(file.size / 2);
      return answer(file, signal);
    },
  };
  return u;
}

/** The store on the fake host, with an uploader as the browser transport has. */
async function served(uploader: Uploader) {
  const { host, client } = setup({ packets: 150 });
  provideApi({ ...client, uploader });
  const s = useSessionStore();
  await s.init();
  await settle();
  return { host, s };
}

const file = (name: string, size: number): File => {
  const f = new File([new Uint8Array(Math.min(size, 64))], name);
  // A File's size is what the browser reports; the bytes are never read here.
  Object.defineProperty(f, 'size', { value: size });
  return f;
};

describe('session: uploads to the serve host', () => {
  it('knows the limit from the start, to show where files are dropped', async () => {
    const { s } = await served(fakeUploader({ maxBytes: 4 * GiB, availableBytes: 50 * GiB }, async () => ({ id: 'a'.repeat(32), size: 1 })));
    await settle();
    expect(s.uploadLimitText).toBe('up to 4 GiB');
  });

  it('a file over the limit is refused before a byte is sent; the open capture stays', async () => {
    const up = fakeUploader({ maxBytes: GiB, availableBytes: 50 * GiB }, async () => ({ id: 'a'.repeat(32), size: 1 }));
    const { host, s } = await served(up);
    await s.openFile(file('huge.pcap', 1.5 * GiB));
    await settle();
    expect(up.sent).toEqual([]);
    expect(s.toasts.at(-1)).toMatchObject({ level: 'error', text: 'huge.pcap is 1.5 GiB, more than the 1 GiB this server accepts (ackline serve --max-upload). The open capture is unchanged.' });
    expect(s.info.title).toBe('synthetic.pcapng');
    expect(host.calls.some((c) => c.method === 'openUpload')).toBe(false);
  });

  it('a file the host has no room for is refused the same way, saying so', async () => {
    const up = fakeUploader({ maxBytes: 4 * GiB, availableBytes: 100 * 1024 ** 2 }, async () => ({ id: 'a'.repeat(32), size: 1 }));
    const { s } = await served(up);
    await s.openFile(file('big.pcap', 200 * 1024 ** 2));
    expect(up.sent).toEqual([]);
    expect(s.toasts.at(-1)?.text).toMatch(/^big\.pcap \(200 MiB\) does not fit: the server's temporary folder has 100 MiB to spare/);
  });

  it('a file within the limit uploads with progress, then its session opens it by id', async () => {
    let during: unknown;
    const id = 'b'.repeat(32);
    const up = fakeUploader({ maxBytes: 4 * GiB, availableBytes: 50 * GiB }, async (f) => {
      during = s.uploading;
      return { id, size: f.size };
    });
    const { host, s } = await served(up);
    await s.openFile(file('trace.pcapng', 3000));
    await settle();
    expect(during).toEqual({ name: 'trace.pcapng', sent: 1500, total: 3000 });
    expect(s.uploading).toBeUndefined();
    expect(host.calls.find((c) => c.method === 'openUpload')?.params).toEqual({ id });
    expect(s.info.title).toBe('uploaded.pcapng');
  });

  it('Stop aborts the upload: nothing opens, the capture stays, and it is not an error', async () => {
    const up = fakeUploader({ maxBytes: 4 * GiB, availableBytes: 50 * GiB }, (f, signal) => new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new UploadCancelled(`The upload of ${f.name} was stopped.`)))));
    const { host, s } = await served(up);
    const pending = s.openFile(file('slow.pcap', 5000));
    await settle();
    expect(s.uploading?.name).toBe('slow.pcap');
    s.stopUpload();
    await pending;
    expect(s.uploading).toBeUndefined();
    expect(s.toasts.at(-1)).toMatchObject({ level: 'info', text: 'The upload of slow.pcap was stopped.' });
    expect(host.calls.some((c) => c.method === 'openUpload')).toBe(false);
    expect(s.info.title).toBe('synthetic.pcapng');
  });

  it("the host's refusal (a race with its free space, a stall) is shown as its one line", async () => {
    const up = fakeUploader({ maxBytes: 4 * GiB, availableBytes: 50 * GiB }, async () => {
      throw new Error('x.pcap: the upload stalled (less than 64 KiB in 30 s) and was stopped. The open capture is unchanged.');
    });
    const { s } = await served(up);
    await s.openFile(file('x.pcap', 10));
    expect(s.toasts.at(-1)).toMatchObject({ level: 'error', text: 'x.pcap: the upload stalled (less than 64 KiB in 30 s) and was stopped. The open capture is unchanged.' });
    expect(s.info.title).toBe('synthetic.pcapng');
  });

  it('a second drop while one uploads is refused with a reason', async () => {
    let finish: () => void = () => undefined;
    const up = fakeUploader({ maxBytes: 4 * GiB, availableBytes: 50 * GiB }, (f) => new Promise((r) => (finish = () => r({ id: 'c'.repeat(32), size: f.size }))));
    const { s } = await served(up);
    const first = s.openFile(file('one.pcap', 10));
    await settle();
    await s.openFile(file('two.pcap', 10));
    expect(up.sent).toEqual(['one.pcap']);
    expect(s.toasts.at(-1)?.text).toBe('one.pcap is still uploading: wait for it or stop it first.');
    finish();
    await first;
  });

  it('without an uploader (Electron) nothing is said about limits', async () => {
    setup({ packets: 10 });
    const s = useSessionStore();
    await s.init();
    await settle();
    expect(s.uploadLimitText).toBe('');
  });
});
