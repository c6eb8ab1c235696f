// The user's requests go ahead of the file's load: while rows, a packet's detail or a
// ladder is being answered, the engine host reads no further chunk (a rows reply used to
// wait behind a megabyte of indexing at each of its awaits).
import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/engine-process/engine-host.js';
import { nodePortEndpoint } from '../../electron/node-platform/port-endpoint.js';
import { EngineEvents, EngineMethods } from '../../electron/shared/contract.js';
import type { UpdateDto } from '../../electron/shared/dto.js';
import { EngineControlAll } from '../../electron/shared/engine-control.js';
import { RpcClient } from '../../electron/shared/rpc.js';
import { capturePath, haveCaptures } from '../support/captures.js';

const channels: MessageChannel[] = [];
afterAll(() => {
  for (const c of channels) c.port1.close();
});

describe.skipIf(!haveCaptures)('engine host: requests before the load', () => {
  it('no chunk is indexed while a rows, packet or ladder request is answered; the load then goes on to the end', async () => {
    const host = new EngineHost();
    const attach = (role: 'control' | 'client'): MessageChannel => {
      const ch = new MessageChannel();
      channels.push(ch);
      host.attach(nodePortEndpoint(ch.port2), role);
      return ch;
    };
    const control = new RpcClient<typeof EngineControlAll, typeof EngineEvents>(nodePortEndpoint(attach('control').port1), EngineEvents);
    const client = new RpcClient<typeof EngineMethods, typeof EngineEvents>(nodePortEndpoint(attach('client').port1), EngineEvents);
    const first = new Promise<UpdateDto>((resolve) => {
      const off = client.on('update', (u) => {
        if (u.packets > 0) {
          off();
          resolve(u);
        }
      });
    });
    await control.call('open', { path: capturePath('scenarios/tcp-bulk-http.pcap') });
    await first;
    const session = host.current!;
    // Packets indexed while each request was answered, measured inside the engine.
    const grew: string[] = [];
    const watch = <K extends 'rows' | 'packet' | 'ladder'>(name: K): void => {
      const orig = session[name].bind(session) as (p: unknown) => unknown;
      (session as unknown as Record<string, (p: unknown) => Promise<unknown>>)[name] = async (p: unknown) => {
        const before = session.index.packets.length;
        const r = await orig(p);
        if (session.index.packets.length !== before) grew.push(`${name}: ${before} -> ${session.index.packets.length}`);
        return r;
      };
    };
    watch('rows');
    watch('packet');
    watch('ladder');
    let asked = 0;
    while (!session.loaded && asked < 40) {
      const { rows } = await client.call('rows', { start: asked * 50, count: 50 });
      await client.call('packet', { index: rows[0]!.index });
      await client.call('ladder', { flow: rows[0]!.flow, around: rows[0]!.index });
      asked++;
    }
    expect(asked).toBeGreaterThan(2);
    expect(grew).toEqual([]);
    await host.settled();
    expect(await control.call('status', {})).toEqual({ packets: 112765, loaded: true });
  });
});
