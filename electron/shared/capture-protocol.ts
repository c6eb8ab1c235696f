// Messages between the capture process and its parent (Node IPC channel, JSON), as zod
// schemas: the capture process validates its request (it arrives through the environment,
// which a member of the `ackline` group controls), the parent validates every message back.
import { z } from 'zod';

/** libpcap device names: lo, eth0, any, wlp2s0, nflog:5, usbmon1, bluetooth-monitor, ... */
const InterfaceName = z.string().regex(/^[\w.:@-]{1,64}$/, 'not an interface name');
const Count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** An absolute path (POSIX, or a Windows drive or share), no NUL. */
const AbsolutePath = z
  .string()
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)[^\0]*$/, 'must be an absolute path');

export const CaptureRequest = z
  .object({
    interface: InterfaceName,
    filter: z.string().max(8192),
    snaplen: z.number().int().min(1).max(262144),
    promiscuous: z.boolean(),
    bufferSize: z.number().int().min(0).max(2 ** 30),
    /** Stop after this many packets (0 = no limit). */
    count: Count,
    /** pcapng file the packets are appended to ('' only in probe mode). */
    file: z.union([AbsolutePath, z.literal('')]),
    backend: z.enum(['auto', 'native', 'cap']),
    /** Open the adapter, report 'started' (or the error), and exit: the preflight's real test. */
    probe: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.probe || r.file !== '', { message: 'a capture needs a file', path: ['file'] });
export type CaptureRequest = z.infer<typeof CaptureRequest>;

/** The request from its JSON text, or a one-line reason. */
export function parseCaptureRequest(text: string | undefined): { request: CaptureRequest } | { error: string } {
  if (!text) return { error: 'the capture process was started without a request' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: 'the capture request is not JSON' };
  }
  const r = CaptureRequest.safeParse(json);
  if (r.success) return { request: r.data };
  const issue = r.error.issues[0];
  return { error: `invalid capture request: ${issue ? `${issue.path.join('.') || 'request'}: ${issue.message}` : 'rejected'}` };
}

export const ToCapture = z.object({ type: z.literal('stop') }).strict();
export type ToCapture = z.infer<typeof ToCapture>;

export function isToCapture(m: unknown): m is ToCapture {
  return ToCapture.safeParse(m).success;
}

// droppedByApplication: packets the native binding could not store (allocation failure).
const Stats = z.object({ received: Count, droppedByKernel: Count, droppedByInterface: Count, droppedByApplication: Count.optional() }).strict();
const Text = z.string().max(8192);

export const CaptureFailure = z.enum(['permission', 'no-such-device', 'not-up', 'filter', 'unavailable', 'other']);
export type CaptureFailure = z.infer<typeof CaptureFailure>;

export const FromCapture = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), linktype: z.number().int().min(0).max(0xffffffff), snaplen: z.number().int().min(0).max(0xffffffff), nano: z.boolean(), backend: z.enum(['native', 'cap']), limits: Text }).strict(),
  /** Bytes of the file that are complete and flushed (the reader may read up to here). */
  z.object({ type: z.literal('flushed'), packets: Count, fileBytes: Count }).strict(),
  z.object({ type: z.literal('stats'), stats: Stats, packets: Count }).strict(),
  z.object({ type: z.literal('error'), reason: CaptureFailure, message: Text, fix: Text.optional() }).strict(),
  z.object({ type: z.literal('stopped'), stats: Stats, packets: Count, fileBytes: Count }).strict(),
]);
export type FromCapture = z.infer<typeof FromCapture>;
