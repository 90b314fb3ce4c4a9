import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CachePersistenceLayer } from '@idem/cache';
import { type BasePersistenceLayer, IdempotencyAlreadyInProgressError, MemoryPersistenceLayer } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { makeHandlerIdempotent } from '@idem/middy';
import { createIdempotencyTable, localDynamoDBConfig, startDynalite, startRedis } from '@idem/test-servers';
import { Redis } from 'ioredis';
import middyNewest from 'middy-newest';
import { gate } from './support/gate.js';
import { lambdaContext } from './support/lambdaContext.js';

/** A persistence store on its server, and how to stop it. */
interface Adapter {
  name: string;
  start(): Promise<{ store: BasePersistenceLayer; stop(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'MemoryPersistenceLayer (in process)',
    start: async () => ({ store: new MemoryPersistenceLayer(), stop: async () => {} }),
  },
  {
    name: 'CachePersistenceLayer on redis-server (ioredis)',
    async start() {
      const server = await startRedis();
      const client = new Redis({ host: '127.0.0.1', port: server.port, lazyConnect: true });
      await client.connect();
      return {
        store: new CachePersistenceLayer({ client }),
        async stop() {
          client.disconnect();
          await server.stop();
        },
      };
    },
  },
  {
    name: 'DynamoDBPersistenceLayer on dynalite',
    async start() {
      const server = await startDynalite();
      await createIdempotencyTable(server.endpoint, { tableName: 'idempotency' });
      const client = new DynamoDBClient(localDynamoDBConfig(server.endpoint));
      return {
        store: new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: client }),
        async stop() {
          client.destroy();
          await server.stop();
        },
      };
    },
  },
];

describe.each(adapters)('the middleware on $name', (adapter) => {
  let running: Awaited<ReturnType<Adapter['start']>>;
  beforeAll(async () => {
    running = await adapter.start();
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('runs once, refuses a concurrent duplicate, replays, releases on error and replays undefined', async () => {
    const held = gate();
    const declined = new Error('card declined');
    let declines = 1;
    const fn = jest.fn(async (event: { orderId: string }) => {
      if (event.orderId === 'declined-once' && declines-- > 0) throw declined;
      if (event.orderId === 'nothing') return undefined;
      await held.opened;
      return { charged: event.orderId };
    });
    const handler = middyNewest(fn).use(
      makeHandlerIdempotent({ persistenceStore: running.store, keyPrefix: `adapters-${Date.now()}` })
    );
    const charge = (orderId: string) => handler({ orderId }, lambdaContext() as never);

    const first = charge('o-1');
    await new Promise(setImmediate);
    await expect(charge('o-1')).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    held.open();
    await expect(first).resolves.toEqual({ charged: 'o-1' });
    await expect(charge('o-1')).resolves.toEqual({ charged: 'o-1' });
    expect(fn).toHaveBeenCalledTimes(1);

    await expect(charge('declined-once')).rejects.toBe(declined);
    await expect(charge('declined-once')).resolves.toEqual({ charged: 'declined-once' });
    expect(fn).toHaveBeenCalledTimes(3);

    await expect(charge('nothing')).resolves.toBeUndefined();
    await expect(charge('nothing')).resolves.toBeUndefined();
    expect(fn).toHaveBeenCalledTimes(4);
  });
});
