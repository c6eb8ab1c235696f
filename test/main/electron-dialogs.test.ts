// The native Open dialog offers capture files, gzip-compressed ones included.
import { describe, expect, it } from 'vitest';
import { CAPTURE_FILTERS, ElectronDialogs } from '../../electron/main/electron-dialogs.js';

describe('ElectronDialogs.openCapture', () => {
  it('filters on capture files, .pcap.gz and .pcapng.gz too, with All files after', async () => {
    const calls: unknown[] = [];
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        calls.push(args.at(-1));
        return { canceled: false, filePaths: ['/tmp/x.pcapng.gz'] };
      },
      showSaveDialog: async () => ({ canceled: true, filePath: '' }),
      showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
    };
    const d = new ElectronDialogs(dialog as never, () => undefined);
    expect(await d.openCapture()).toBe('/tmp/x.pcapng.gz');
    expect(calls[0]).toMatchObject({ filters: CAPTURE_FILTERS });
    expect(CAPTURE_FILTERS[0]!.extensions).toEqual(expect.arrayContaining(['pcapng', 'pcap', 'pcap.gz', 'pcapng.gz']));
    expect(CAPTURE_FILTERS[0]!.extensions).not.toContain('gz');
    expect(CAPTURE_FILTERS.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
  });
});
