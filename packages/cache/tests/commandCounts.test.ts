import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import {
  CommandMonitor,
  type FaultProxy,
  type RedisServer,
  type ReplicatedRedis,
  startFaultProxy,
  startRedis,
  startReplicatedRedis,
} from '@idem/test-servers';
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

// With replicaAcknowledgements every write script carries a WAIT in the same pipeline: one more
// command per script, no more round trips. The client reaches the primary through the fault
// proxy, which counts round trips (a client sending again after the server answered); the plain
// CacheClient, whose commands wait for each other, shows that the count sees sequential commands.
describe('with replicaAcknowledgements, on a primary with a replica', () => {
  let servers: ReplicatedRedis;
  let proxy: FaultProxy;
  let primaryMonitor: CommandMonitor;

  beforeAll(async () => {
    servers = await startReplicatedRedis();
    proxy = await startFaultProxy({ targetHost: '127.0.0.1', targetPort: servers.primary.port });
    primaryMonitor = await CommandMonitor.open(servers.primary.port);
  });

  afterAll(async () => {
    primaryMonitor?.close();
    await proxy?.stop();
    await servers?.stop();
  });

  const cases: Array<[ClientKind, { first: string[]; repeat: string[] }, { first: number; repeat: number }]> = [
    ['ioredis', { first: ['EVALSHA', 'WAIT', 'EVALSHA', 'WAIT'], repeat: ['EVALSHA', 'WAIT'] }, { first: 2, repeat: 1 }],
    ['glide', { first: ['EVALSHA', 'WAIT', 'EVALSHA', 'WAIT'], repeat: ['EVALSHA', 'WAIT'] }, { first: 2, repeat: 1 }],
    ['node-redis', { first: ['EVALSHA', 'WAIT', 'EVALSHA', 'WAIT'], repeat: ['EVALSHA', 'WAIT'] }, { first: 2, repeat: 1 }],
    ['cache-client', { first: ['SET', 'GET', 'SET'], repeat: ['SET', 'GET'] }, { first: 3, repeat: 2 }],
  ];

  it.each(cases)('through %s: commands %j in round trips %j per first call and repeat', async (kind, commands, roundTrips) => {
    const open = await openClient(kind, proxy.port);
    try {
      const replicaAcknowledgements = kind === 'cache-client' ? undefined : { replicas: 1, timeoutMs: 1000 };
      const layer = new CachePersistenceLayer({ client: open.client, replicaAcknowledgements });
      const charge = makeIdempotent(async (order: { id: number }) => ({ charged: order.id }), {
        persistenceStore: layer,
        keyPrefix: uniquePrefix(`waited-${kind}`),
      });
      await charge({ id: 0 }); // the server learns the scripts
      await charge({ id: 0 });

      const counted = async (call: () => Promise<unknown>) => {
        const before = proxy.roundTrips;
        const sent = await primaryMonitor.commandsDuring(call);
        return { commands: sent.map(commandName), roundTrips: proxy.roundTrips - before };
      };
      const first = await counted(() => charge({ id: 1 }));
      const repeat = await counted(() => charge({ id: 1 }));

      expect({ first: first.commands, repeat: repeat.commands }).toEqual(commands);
      expect({ first: first.roundTrips, repeat: repeat.roundTrips }).toEqual(roundTrips);
    } finally {
      await open.close();
    }
  });
});
