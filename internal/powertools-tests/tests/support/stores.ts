import { randomUUID } from 'node:crypto';
import { CachePersistenceLayer as PowertoolsCacheLayer } from '@aws-lambda-powertools/idempotency/cache';
import { DynamoDBPersistenceLayer as PowertoolsDynamoDBLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer as PowertoolsPersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { CachePersistenceLayer } from '@idem/cache';
import type { CacheClient, CacheSetOptions } from '@idem/cache/types';
import type { BasePersistenceLayer } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { createIdempotencyTable, localDynamoDBConfig, startDynalite, startRedis } from '@idem/test-servers';
import { createClient } from '@redis/client';
import { Redis } from 'ioredis';

/** Every store is built with this Lambda function name, as the Lambda runtime sets it. */
export const functionName = 'orders-fn';

/**
 * One backend that both libraries share: a Powertools persistence layer and an idem layer in
 * compatibility 'powertools' on the same table or Redis, plus a look at what is stored.
 */
export interface SharedBackend {
  /** One of `backendIds`. */
  id: BackendId;
  /** A new Powertools layer: Powertools configures a layer once, so one per function config. */
  powertools(): PowertoolsPersistenceLayer;
  /** A new idem layer in compatibility 'powertools'. */
  idem(): BasePersistenceLayer;
  /** The record stored under an idempotency key, as plain values, or undefined. */
  stored(idempotencyKey: string): Promise<Record<string, unknown> | undefined>;
  /** Redis only: the value of Powertools' takeover lock of a key. */
  lock?(idempotencyKey: string): Promise<string | null>;
  /** Redis only: stores a value as it is, the way another writer would. */
  writeValue?(idempotencyKey: string, value: Record<string, unknown>, ttlSeconds: number): Promise<void>;
  /** True when Powertools' completions on this backend drop the validation hash (2.35 on Redis). */
  completionDropsValidation: boolean;
}

/** The backends every side-by-side scenario runs on. */
export const backendIds = ['dynamodb', 'redis via node-redis', 'redis via ioredis', 'redis via a plain client'] as const;
export type BackendId = (typeof backendIds)[number];

interface Servers {
  close(): Promise<void>;
  backends: SharedBackend[];
  backend(id: BackendId): SharedBackend;
}

/**
 * Starts one dynalite with one table and one redis-server for a test file, and the backends over
 * them: DynamoDB, and Redis with idem on each kind of client (Powertools works with node-redis
 * only; ioredis fails with its option shape). The servers are the file's, so tests never share.
 */
async function startSharedBackends(): Promise<Servers> {
  process.env.AWS_LAMBDA_FUNCTION_NAME = functionName;
  const [dynalite, redis] = await Promise.all([startDynalite(), startRedis()]);
  const tableName = `shared-${randomUUID()}`;
  await createIdempotencyTable(dynalite.endpoint, { tableName });
  const closers: Array<() => unknown> = [];
  const dynamoClient = () => {
    const client = new DynamoDBClient(localDynamoDBConfig(dynalite.endpoint));
    closers.push(() => client.destroy());
    return client;
  };
  const inspector = dynamoClient();
  const nodeRedis = await createClient({ url: redis.url }).connect();
  const ioredis = new Redis(redis.port, '127.0.0.1');
  closers.push(
    () => nodeRedis.destroy(),
    () => ioredis.disconnect()
  );

  const dynamodb: SharedBackend = {
    id: 'dynamodb',
    powertools: () => new PowertoolsDynamoDBLayer({ tableName, awsSdkV3Client: dynamoClient() }),
    idem: () => new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamoClient(), compatibility: 'powertools' }),
    async stored(idempotencyKey) {
      const { Item } = await inspector.send(
        new GetItemCommand({ TableName: tableName, Key: { id: { S: idempotencyKey } }, ConsistentRead: true })
      );
      return Item && unmarshall(Item);
    },
    completionDropsValidation: false,
  };
  const redisBackend = (id: BackendId, client: CacheClient): SharedBackend => ({
    id,
    powertools: () => new PowertoolsCacheLayer({ client: nodeRedis as never }),
    idem: () => new CachePersistenceLayer({ client, compatibility: 'powertools' }),
    async stored(idempotencyKey) {
      const value = await ioredis.get(idempotencyKey);
      return value === null ? undefined : (JSON.parse(value) as Record<string, unknown>);
    },
    lock: (idempotencyKey) => ioredis.get(`${idempotencyKey}:lock`),
    async writeValue(idempotencyKey, value, ttlSeconds) {
      await ioredis.set(idempotencyKey, JSON.stringify(value), 'EX', ttlSeconds);
    },
    completionDropsValidation: true,
  });

  const backends = [
    dynamodb,
    // idem on the very client Powertools uses, on another library's, and on a client without scripts.
    redisBackend('redis via node-redis', nodeRedis as unknown as CacheClient),
    redisBackend('redis via ioredis', ioredis),
    redisBackend('redis via a plain client', plainClient(ioredis)),
  ];
  return {
    backends,
    backend(id) {
      const found = backends.find((backend) => backend.id === id);
      if (!found) throw new Error(`no backend ${id}`);
      return found;
    },
    async close() {
      for (const close of closers) await close();
      await Promise.all([dynalite.stop(), redis.stop()]);
    },
  };
}

/** A client of Powertools' `CacheClient` shape only, as a user would write one over ioredis. */
function plainClient(redis: Redis): CacheClient {
  return {
    get: (name) => redis.get(name),
    async set(name, value, options) {
      const { expiration, condition } = options as CacheSetOptions;
      return condition === 'NX'
        ? redis.set(String(name), String(value), 'PX', expiration.value, 'NX')
        : redis.set(String(name), String(value), 'PX', expiration.value);
    },
    del: (keys) => redis.del(keys),
  };
}

/** Starts the shared backends before the file's tests and stops them after; returns the lookup. */
export function useSharedBackends(): (id: BackendId) => SharedBackend {
  let servers: Servers | undefined;
  beforeAll(async () => {
    servers = await startSharedBackends();
  }, 60_000);
  afterAll(() => servers?.close());
  return (id) => {
    if (!servers) throw new Error('the shared backends are not started');
    return servers.backend(id);
  };
}
