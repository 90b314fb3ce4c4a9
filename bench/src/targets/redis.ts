import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsMakeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { CachePersistenceLayer as PowertoolsCacheLayer } from '@aws-lambda-powertools/idempotency/cache';
import { CachePersistenceLayer } from '@idem/cache';
import type { ReplicaAcknowledgements } from '@idem/cache/types';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { CommandMonitor, startRedis, startReplicatedRedis } from '@idem/test-servers';
import { createClient } from '@redis/client';
import { GlideClient, Logger } from '@valkey/valkey-glide';
import { Redis } from 'ioredis';
import { chargePayment } from '../fixtures/apiGatewayEvent.js';
import type { IdempotentHandler, PreparedHandler, ScenarioTarget } from './ScenarioTarget.js';
import type { StartedStore } from './StoreBench.js';

const host = '127.0.0.1';
Logger.setLoggerConfig('error');

/** A connected client, any of the three, as the layer takes it, and how to close it. */
interface OpenClient {
  client: object;
  close(): Promise<void>;
}

const openers: Record<'ioredis' | 'GLIDE' | '@redis/client', (port: number) => Promise<OpenClient>> = {
  async ioredis(port) {
    const redis = new Redis({ host, port, lazyConnect: true });
    await redis.connect();
    return { client: redis, close: async () => void redis.disconnect() };
  },
  async GLIDE(port) {
    const glide = await GlideClient.createClient({ addresses: [{ host, port }], requestTimeout: 5000 });
    return { client: glide, close: async () => glide.close() };
  },
  async '@redis/client'(port) {
    const client = createClient({ url: `redis://${host}:${port}` });
    client.on('error', () => undefined);
    await client.connect();
    return { client, close: async () => void client.destroy() };
  },
};

/** One library through one client; idem's optionally waiting for replicas. */
interface RedisTarget {
  library: 'idem' | 'powertools';
  client: keyof typeof openers;
  replicaAcknowledgements?: ReplicaAcknowledgements;
}

/**
 * Redis on a `redis-server` of its own on a free loopback port (never 6379): idem through ioredis
 * and through GLIDE, Powertools' CachePersistenceLayer through `@redis/client`, the client it is
 * written for. Every measurement starts on a flushed database with new connections.
 */
export async function startRedisStore(): Promise<StartedStore> {
  const server = await startRedis();
  return redisStore(server.port, () => server.stop(), [
    { library: 'idem', client: 'ioredis' },
    { library: 'idem', client: 'GLIDE' },
    { library: 'powertools', client: '@redis/client' },
  ]);
}

/**
 * The same on a primary with one replica (`redis-server --replicaof`, on loopback): idem through
 * ioredis without and with `replicaAcknowledgements` (every write script then carries a WAIT),
 * GLIDE with it, and Powertools, which cannot wait for replicas.
 */
export async function startReplicatedRedisStore(): Promise<StartedStore> {
  const servers = await startReplicatedRedis({ directLink: true });
  const replicaAcknowledgements = { replicas: 1, timeoutMs: 1000 };
  return redisStore(servers.primary.port, () => servers.stop(), [
    { library: 'idem', client: 'ioredis' },
    { library: 'idem', client: 'ioredis', replicaAcknowledgements },
    { library: 'idem', client: 'GLIDE', replicaAcknowledgements },
    { library: 'powertools', client: '@redis/client' },
  ]);
}

async function redisStore(port: number, stopServer: () => Promise<void>, targets: RedisTarget[]): Promise<StartedStore> {
  const admin = new Redis({ host, port, lazyConnect: true });
  await admin.connect();

  const target = ({ library, client, replicaAcknowledgements }: RedisTarget): ScenarioTarget => ({
    library,
    client: replicaAcknowledgements ? `${client} + WAIT ${replicaAcknowledgements.replicas}` : client,
    async prepare({ useLocalCache }): Promise<PreparedHandler> {
      await admin.flushall();
      const open = await openers[client](port);
      const handler: IdempotentHandler =
        library === 'idem'
          ? makeIdempotent(chargePayment, {
              persistenceStore: new CachePersistenceLayer({ client: open.client as Redis, replicaAcknowledgements }),
              config: new IdempotencyConfig({ eventKeyJmesPath: 'body', useLocalCache }),
            })
          : (powertoolsMakeIdempotent(chargePayment, {
              persistenceStore: new PowertoolsCacheLayer({ client: open.client as never }),
              config: new PowertoolsConfig({ eventKeyJmesPath: 'body', useLocalCache }),
            }) as IdempotentHandler);
      return {
        handler,
        close: open.close,
        async countOperations(action) {
          const monitor = await CommandMonitor.open(port);
          try {
            return (await monitor.commandsDuring(action)).length;
          } finally {
            monitor.close();
          }
        },
      };
    },
  });

  return {
    targets: targets.map(target),
    operation: 'commands',
    async stop() {
      admin.disconnect();
      await stopServer();
    },
  };
}
