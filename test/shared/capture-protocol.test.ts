// The capture request arrives through the environment, which a member of the capture group
// controls; the replies come from a process that held capture rights. Both are validated.
import { describe, expect, it } from 'vitest';
import { FromCapture, parseCaptureRequest } from '../../electron/shared/capture-protocol.js';

const ok = { interface: 'lo', filter: 'udp', snaplen: 262144, promiscuous: false, bufferSize: 1 << 20, count: 0, file: '/tmp/x.pcapng', backend: 'native' };
const parse = (r: unknown): ReturnType<typeof parseCaptureRequest> => parseCaptureRequest(JSON.stringify(r));

describe('parseCaptureRequest', () => {
  it('accepts a capture and a probe (which needs no file)', () => {
    expect(parse(ok)).toEqual({ request: ok });
    expect(parse({ ...ok, file: '', probe: true })).toEqual({ request: { ...ok, file: '', probe: true } });
    for (const name of ['eth0', 'any', 'nflog:5', 'usbmon1', 'bluetooth-monitor', 'wlp2s0', 'br-1a2b.100']) expect(parse({ ...ok, interface: name })).toHaveProperty('request');
  });

  it('refuses anything else with one line naming the field', () => {
    const cases: [unknown, string][] = [
      [undefined, 'the capture process was started without a request'],
      ['{', 'the capture request is not JSON'],
      [{ ...ok, interface: '../../etc' }, 'invalid capture request: interface: not an interface name'],
      [{ ...ok, interface: 'a'.repeat(65) }, 'invalid capture request: interface: not an interface name'],
      [{ ...ok, file: 'relative.pcapng' }, 'invalid capture request: file: '],
      [{ ...ok, file: '' }, 'invalid capture request: file: a capture needs a file'],
      [{ ...ok, backend: '/home/me/evil' }, 'invalid capture request: backend: '],
      [{ ...ok, snaplen: 1e9 }, 'invalid capture request: snaplen: '],
      [{ ...ok, filter: 'x'.repeat(9000) }, 'invalid capture request: filter: '],
      [{ ...ok, addon: '/home/me/evil.node' }, 'invalid capture request: '],
      [[], 'invalid capture request: '],
    ];
    for (const [input, message] of cases) {
      const r = input === undefined ? parseCaptureRequest(undefined) : typeof input === 'string' ? parseCaptureRequest(input) : parse(input);
      expect('error' in r && r.error, JSON.stringify(input)).toMatch(new RegExp(`^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect('error' in r && r.error).not.toContain('\n');
    }
  });
});

describe('FromCapture', () => {
  it('accepts what the capture process sends, and nothing else', () => {
    const stats = { received: 1, droppedByKernel: 0, droppedByInterface: 0 };
    for (const m of [
      { type: 'started', linktype: 1, snaplen: 262144, nano: true, backend: 'native', limits: '' },
      { type: 'flushed', packets: 2, fileBytes: 300 },
      { type: 'stats', stats, packets: 1 },
      { type: 'error', reason: 'permission', message: 'lo: socket: Operation not permitted' },
      { type: 'stopped', stats, packets: 1, fileBytes: 300 },
    ])
      expect(FromCapture.safeParse(m).success, JSON.stringify(m)).toBe(true);
    for (const m of [
      null,
      'started',
      { type: 'started', linktype: -1, snaplen: 0, nano: true, backend: 'native', limits: '' },
      { type: 'flushed', packets: 2, fileBytes: '300' },
      { type: 'error', reason: 'permission', message: 'x'.repeat(10000) },
      { type: 'error', reason: 'rm -rf', message: 'x' },
      { type: 'stopped', stats, packets: 1, fileBytes: 300, extra: 1 },
      { type: 'exec', command: 'sh' },
    ])
      expect(FromCapture.safeParse(m).success, JSON.stringify(m)).toBe(false);
  });
});
