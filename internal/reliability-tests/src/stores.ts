import { createHash } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CachePersistenceLayer } from '@idem/cache';
import { type BasePersistenceLayer, canonicalJson } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { PostgresPersistenceLayer } from '@idem/postgres';
import { localDynamoDBConfig } from '@idem/test-servers';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import pg from 'pg';

/** Where a store lives, in a form that crosses process boundaries (worker messages). */
export type StoreSpec =
  | { kind: 'redis'; port: number }
  | { kind: 'cluster'; nodes: Array<{ host: string; port: number }> }
  | { kind: 'dynamodb'; endpoint: string; tableName: string }
  | { kind: 'postgres'; url: string; tableName: string };

/** A persistence layer over its own connection, and how to close that connection. */
export interface OpenStore {
  layer: BasePersistenceLayer;
  /** The raw client, for reading and corrupting records behind the layer's back. */
  raw: Redis | Cluster | DynamoDBClient | pg.Pool;
  close(): Promise<void>;
}

/** Client settings that fail fast instead of queueing, so a fault becomes an error within a call. */
export const failFastRedisOptions: RedisOptions = {
  maxRetriesPerRequest: 1,
  commandTimeout: 1_000,
  enableOfflineQueue: false,
  retryStrategy: (attempt) => Math.min(attempt * 50, 200),
};

/** Opens a layer on the store, connected and ready. */
export async function openStore(spec: StoreSpec, redisOptions: RedisOptions = {}): Promise<OpenStore> {
  switch (spec.kind) {
    case 'redis': {
      const redis = new Redis({ host: '127.0.0.1', port: spec.port, lazyConnect: true, ...redisOptions });
      await redis.connect();
      return {
        layer: new CachePersistenceLayer({ client: redis, storageKeyPrefix: 'idem:' }),
        raw: redis,
        close: async () => void redis.disconnect(),
      };
    }
    case 'cluster': {
      const cluster = new Cluster(spec.nodes, { lazyConnect: true, redisOptions });
      await cluster.connect();
      return {
        layer: new CachePersistenceLayer({ client: cluster, storageKeyPrefix: 'idem:' }),
        raw: cluster,
        close: async () => void cluster.disconnect(),
      };
    }
    case 'dynamodb': {
      // More sockets than the SDK's 50, so hundreds of concurrent calls do not queue in the client.
      const client = new DynamoDBClient({
        ...localDynamoDBConfig(spec.endpoint),
        maxAttempts: 1,
        requestHandler: { httpAgent: { keepAlive: true, maxSockets: 256 } },
      });
      return {
        layer: new DynamoDBPersistenceLayer({ tableName: spec.tableName, awsSdkV3Client: client }),
        raw: client,
        close: async () => client.destroy(),
      };
    }
    case 'postgres': {
      // As many connections as a Lambda fleet of a few instances would open through a pooler.
      const pool = new pg.Pool({ connectionString: spec.url, max: 20 });
      pool.on('error', () => undefined);
      return {
        layer: new PostgresPersistenceLayer({ client: pool, tableName: spec.tableName }),
        raw: pool,
        close: () => pool.end(),
      };
    }
  }
}

/** The idempotency key the engine derives for a payload under a key prefix (md5, no scope). */
export function idempotencyKeyOf(keyPrefix: string, payload: unknown, hashFunction = 'md5'): string {
  return `${keyPrefix}#${createHash(hashFunction).update(canonicalJson(payload)).digest('hex')}`;
}
