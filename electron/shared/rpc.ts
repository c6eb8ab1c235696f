// A transport-agnostic RPC over anything that can post a structured-cloneable message
// and deliver incoming ones: a DOM MessagePort, Electron's MessagePortMain, a worker,
// or a WebSocket through a codec. Requests carry ids; responses and events are typed by
// the contract; every incoming request is validated against its schema before it runs.
import type { z } from 'zod';

export interface Endpoint {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  /** Registers the single message handler. */
  listen(handler: (message: unknown) => void): void;
}

export type Schemas = Record<string, readonly [z.ZodType, z.ZodType]>;
export type EventSchemas = Record<string, z.ZodType>;

interface Req {
  t: 'req';
  id: number;
  m: string;
  p: unknown;
}
interface Res {
  t: 'res';
  id: number;
  ok: boolean;
  r?: unknown;
  e?: string;
}
interface Ev {
  t: 'ev';
  n: string;
  p: unknown;
}

function isMsg(m: unknown): m is Req | Res | Ev {
  return typeof m === 'object' && m !== null && 't' in m && typeof (m as { t: unknown }).t === 'string';
}

export class RpcError extends Error {}

type Handlers<S extends Schemas> = { [K in keyof S]: (params: z.infer<S[K][0]>) => Promise<z.infer<S[K][1]>> | z.infer<S[K][1]> };

/** The serving side: validates requests, runs handlers, sends results and events. */
export class RpcServer<S extends Schemas, E extends EventSchemas> {
  constructor(
    private readonly endpoint: Endpoint,
    private readonly methods: S,
    private readonly events: E,
    private readonly handlers: Handlers<S>,
  ) {
    endpoint.listen((m) => void this.onMessage(m));
  }

  emit<K extends keyof E & string>(name: K, payload: z.infer<E[K]>, transfer?: ArrayBuffer[]): void {
    this.endpoint.post({ t: 'ev', n: name, p: payload } satisfies Ev, transfer);
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isMsg(m) || m.t !== 'req' || typeof m.id !== 'number' || typeof m.m !== 'string') return;
    const spec = Object.prototype.hasOwnProperty.call(this.methods, m.m) ? this.methods[m.m] : undefined;
    if (!spec) return this.endpoint.post({ t: 'res', id: m.id, ok: false, e: `unknown method ${m.m}` } satisfies Res);
    const parsed = spec[0].safeParse(m.p);
    if (!parsed.success) return this.endpoint.post({ t: 'res', id: m.id, ok: false, e: `invalid ${m.m} request: ${parsed.error.message}` } satisfies Res);
    try {
      const handler = this.handlers[m.m as keyof S];
      const r = await handler(parsed.data as never);
      this.endpoint.post({ t: 'res', id: m.id, ok: true, r } satisfies Res);
    } catch (e) {
      this.endpoint.post({ t: 'res', id: m.id, ok: false, e: e instanceof Error ? e.message : String(e) } satisfies Res);
    }
  }
}

/** The calling side: typed calls with promises, typed event subscriptions. */
export class RpcClient<S extends Schemas, E extends EventSchemas> {
  private next = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();

  constructor(
    private readonly endpoint: Endpoint,
    private readonly events: E,
    /** Validate incoming events (cheap for small payloads; off for hot paths). */
    private readonly validateEvents = true,
  ) {
    endpoint.listen((m) => this.onMessage(m));
  }

  call<K extends keyof S & string>(method: K, params: z.infer<S[K][0]>): Promise<z.infer<S[K][1]>> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.endpoint.post({ t: 'req', id, m: method, p: params } satisfies Req);
    });
  }

  on<K extends keyof E & string>(name: K, fn: (payload: z.infer<E[K]>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    const f = fn as (p: unknown) => void;
    set.add(f);
    return () => set.delete(f);
  }

  /** Rejects every pending call (the other side went away). */
  fail(reason: string): void {
    for (const p of this.pending.values()) p.reject(new RpcError(reason));
    this.pending.clear();
  }

  private onMessage(m: unknown): void {
    if (!isMsg(m)) return;
    if (m.t === 'res') {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.r);
      else p.reject(new RpcError(m.e ?? 'failed'));
    } else if (m.t === 'ev') {
      const schema = Object.prototype.hasOwnProperty.call(this.events, m.n) ? this.events[m.n] : undefined;
      if (!schema) return;
      if (this.validateEvents && !schema.safeParse(m.p).success) return;
      for (const f of this.listeners.get(m.n) ?? []) f(m.p);
    }
  }
}
