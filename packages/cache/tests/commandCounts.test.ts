import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { CommandMonitor, type RedisServer, startRedis } from '@idem/test-servers';
import { type ClientKind, clientKinds, type OpenClient, openClient } from './support/clients.js';
import { uniquePrefix } from './support/layerKit.js';

// Round trips per idempotent call, read from MONITOR. The first call claims (one script) and
// completes (one script); a repeat is one refused claim script that returns the stored record;
// a repeat served by the local cache sends nothing. A plain CacheClient needs SET NX + GET to
// read the record of a refused claim, and GET + SET to complete.
const scripted = { first: ['EVALSHA', 'EVALSHA'], repeat: ['EVALSHA'] };
const expected: Record<ClientKind, { first: string[]; repeat: string[] }> = {
  ioredis: scripted,
  glide: scripted,
  'node-redis': scripted,
  'cache-client': { first: ['SET', 'GET', 'SET'], repeat: ['SET', 'GET'] },
};

let server: RedisServer;
let monitor: CommandMonitor;

beforeAll(async () => {
  server = await startRedis();
  monitor = await CommandMonitor.open(server.port);
});

afterAll(async () => {
  monitor?.close();
  await server?.stop();
});

describe.each(clientKinds)('with a %s client', (kind) => {
  let open: OpenClient;
  let layer: CachePersistenceLayer;

  beforeAll(async () => {
    open = await openClient(kind, server.port);
    layer = new CachePersistenceLayer({ client: open.client });
    // The server learns the scripts on their first use; measure calls after that.
    const warmUp = makeIdempotent(async (_order: { id: number }) => 'warm', {
      persistenceStore: layer,
      keyPrefix: uniquePrefix('warm'),
    });
    await warmUp({ id: 0 });
    await warmUp({ id: 0 });
  });

  afterAll(async () => {
    await open?.close();
  });

  it(`the first call sends ${expected[kind].first.length} commands and a repeat ${expected[kind].repeat.length}`, async () => {
    const charge = makeIdempotent(async (order: { id: number }) => ({ charged: order.id }), {
      persistenceStore: layer,
      keyPrefix: uniquePrefix(`count-${kind}`),
    });

    const first = await monitor.commandsDuring(() => charge({ id: 1 }));
    const repeat = await monitor.commandsDuring(() => charge({ id: 1 }));

    expect({ first: first.map(commandName), repeat: repeat.map(commandName) }).toEqual(expected[kind]);
  });

  it('a repeat served by the local cache sends no command', async () => {
    const charge = makeIdempotent(async (order: { id: number }) => ({ charged: order.id }), {
      persistenceStore: layer,
      keyPrefix: uniquePrefix(`local-${kind}`),
      config: new IdempotencyConfig({ useLocalCache: true }),
    });
    await charge({ id: 2 });

    const repeat = await monitor.commandsDuring(() => charge({ id: 2 }));

    expect(repeat).toEqual([]);
    await expect(charge({ id: 2 })).resolves.toEqual({ charged: 2 });
  });
});

function commandName(line: string): string {
  return (/\] "([^"]+)"/.exec(line)?.[1] ?? line).toUpperCase();
}
