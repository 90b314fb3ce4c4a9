import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CachePersistenceLayer } from '@idem/cache';
import { type BasePersistenceLayer, MemoryPersistenceLayer } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { createIdempotencyTable, localDynamoDBConfig, startDynalite, startRedis } from '@idem/test-servers';
import { Redis } from 'ioredis';

/** A store on a real server of its own, and how to stop both. */
export interface RunningStore {
  store: BasePersistenceLayer;
  stop(): Promise<void>;
}

/** A store the scenarios run on. */
export interface StoreUnderTest {
  name: string;
  start(): Promise<RunningStore>;
}

export const memoryStore: StoreUnderTest = {
  name: 'MemoryPersistenceLayer',
  start: async () => ({ store: new MemoryPersistenceLayer(), stop: async () => {} }),
};

export const redisStore: StoreUnderTest = {
  name: 'CachePersistenceLayer on redis-server',
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
};

/** A DynamoDB table on dynalite, for idem's layer and for Powertools' alike. */
export async function startDynamoDBTable(): Promise<{ client: DynamoDBClient; tableName: string; stop(): Promise<void> }> {
  const server = await startDynalite();
  const tableName = 'idempotency';
  await createIdempotencyTable(server.endpoint, { tableName });
  const client = new DynamoDBClient(localDynamoDBConfig(server.endpoint));
  return {
    client,
    tableName,
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}

export const dynamoDBStore: StoreUnderTest = {
  name: 'DynamoDBPersistenceLayer on dynalite',
  async start() {
    const table = await startDynamoDBTable();
    return {
      store: new DynamoDBPersistenceLayer({ tableName: table.tableName, awsSdkV3Client: table.client }),
      stop: table.stop,
    };
  },
};

export const storesUnderTest: StoreUnderTest[] = [memoryStore, redisStore, dynamoDBStore];
