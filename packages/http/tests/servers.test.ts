import { CachePersistenceLayer } from '@idem/cache';
import { type IdempotencyStore, MemoryPersistenceLayer } from '@idem/core';
import { startRedis } from '@idem/test-servers';
import { Redis } from 'ioredis';
import { scenarios } from './support/scenarios/index.js';
import { serverScenarioContext } from './support/serverContext.js';
import { serverFrontEnds } from './support/servers.js';

/** A store on its server, and how to stop it. */
interface StoreUnderTest {
  name: string;
  start(): Promise<{ store: IdempotencyStore; stop(): Promise<void> }>;
}

const stores: StoreUnderTest[] = [
  { name: 'the memory store', start: async () => ({ store: new MemoryPersistenceLayer(), stop: async () => {} }) },
  {
    name: 'redis-server (CachePersistenceLayer, ioredis)',
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
];

// The shared scenario table, the one the Lambda front ends run, through every server front end,
// behind a real server on a loopback port, driven by Node's fetch.
describe.each(stores.map((store) => [store.name, store] as const))('on %s', (_, store) => {
  let running: Awaited<ReturnType<StoreUnderTest['start']>>;
  beforeAll(async () => {
    running = await store.start();
  });
  afterAll(async () => {
    await running?.stop();
  });

  describe.each(serverFrontEnds.map((frontEnd) => [frontEnd.name, frontEnd] as const))('through %s', (__, frontEnd) => {
    const applicable = scenarios.filter(
      (scenario) => scenario.appliesTo?.(serverScenarioContext(frontEnd, new MemoryPersistenceLayer())) ?? true
    );
    it.each(applicable.map((scenario) => [scenario.name, scenario] as const))('%s', async (___, scenario) => {
      const context = serverScenarioContext(frontEnd, running.store);
      try {
        await scenario.run(context);
      } finally {
        await context.close();
      }
    });
  });
});
