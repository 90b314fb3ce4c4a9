import { type AttributeValue, type DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { CachePersistenceLayer } from '@idem/cache';
import {
  type BasePersistenceLayer,
  IdempotencyConfig,
  IdempotencyPersistenceConsistencyError,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { createIdempotencyTable, type DynaliteServer, type RedisServer, startDynalite, startRedis } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { recordFigure } from '../src/figures.js';
import { type CallOutcome, outcomeOf, tally } from '../src/outcomes.js';
import { idempotencyKeyOf, type OpenStore, openStore } from '../src/stores.js';

/** The memory store with a way in for a foreign writer: it puts any value where a record lives. */
class TamperedMemoryStore extends MemoryPersistenceLayer {
  public tamper(idempotencyKey: string, stored: unknown): void {
    (this as unknown as { records: Map<string, unknown> }).records.set(idempotencyKey, stored);
  }
}

const inAnHour = (): number => Math.floor(Date.now() / 1000) + 3600;

let redisServer: RedisServer | undefined;
let dynalite: DynaliteServer | undefined;
let redis: OpenStore | undefined;
let dynamodb: OpenStore | undefined;

beforeAll(async () => {
  [redisServer, dynalite] = await Promise.all([startRedis(), startDynalite()]);
  await createIdempotencyTable(dynalite.endpoint, { tableName: 'corrupt' });
  redis = await openStore({ kind: 'redis', port: redisServer.port });
  dynamodb = await openStore({ kind: 'dynamodb', endpoint: dynalite.endpoint, tableName: 'corrupt' });
});

afterAll(async () => {
  await Promise.all([redis?.close(), dynamodb?.close()]);
  await Promise.all([redisServer?.stop(), dynalite?.stop()]);
});

/** One kind of garbage, written where the record of `idempotencyKey` lives. */
type Corruption = [label: string, write: (idempotencyKey: string) => Promise<void>];

const memory = new TamperedMemoryStore();
const memoryCorruptions: Corruption[] = [
  ['a value that is not a record', async (key) => memory.tamper(key, 'session:42')],
  ['an unknown status', async (key) => memory.tamper(key, { status: 'DONE', expiryTimestamp: inAnHour() })],
  ['an expiry that is not a number', async (key) => memory.tamper(key, { status: 'COMPLETED', expiryTimestamp: 'tomorrow' })],
  [
    'a response this store did not write',
    async (key) => memory.tamper(key, { status: 'COMPLETED', expiryTimestamp: inAnHour(), response: '{"charged":' }),
  ],
];

const redisRaw = (): Redis => (redis as OpenStore).raw as Redis;
const storageKey = (key: string): string => ((redis as OpenStore).layer as CachePersistenceLayer).storageKey(key);
const redisCorruptions: Corruption[] = [
  ['a foreign string', async (key) => void (await redisRaw().set(storageKey(key), 'session:42'))],
  [
    'another format version',
    async (key) => void (await redisRaw().set(storageKey(key), `["idem",2,"C",${inAnHour()},null,null,null]`)),
  ],
  [
    'an unknown status',
    async (key) => void (await redisRaw().set(storageKey(key), `["idem",1,"X",${inAnHour()},null,null,null]`)),
  ],
  [
    'a response that is not JSON',
    async (key) => void (await redisRaw().set(storageKey(key), `["idem",1,"C",${inAnHour()},null,null,null]\n{"charged":`)),
  ],
  ['a hash instead of a string', async (key) => void (await redisRaw().hset(storageKey(key), 'status', 'COMPLETED'))],
];

const putItem = async (key: string, attributes: Record<string, AttributeValue>): Promise<void> => {
  await ((dynamodb as OpenStore).raw as DynamoDBClient).send(
    new PutItemCommand({ TableName: 'corrupt', Item: { id: { S: key }, ...attributes } })
  );
};
const dynamoCorruptions: Corruption[] = [
  ['no status', (key) => putItem(key, { expiration: { N: String(inAnHour()) } })],
  ['an unknown status', (key) => putItem(key, { status: { S: 'DONE' }, expiration: { N: String(inAnHour()) } })],
  ['an expiry that is not a number', (key) => putItem(key, { status: { S: 'COMPLETED' }, expiration: { S: 'tomorrow' } })],
  [
    'data that is not JSON',
    (key) => putItem(key, { status: { S: 'COMPLETED' }, expiration: { N: String(inAnHour()) }, data: { S: '{"charged":' } }),
  ],
  [
    'data stored as a map',
    (key) => putItem(key, { status: { S: 'COMPLETED' }, expiration: { N: String(inAnHour()) }, data: { M: {} } }),
  ],
];

const stores: Array<[id: string, label: string, layer: () => BasePersistenceLayer, corruptions: Corruption[]]> = [
  ['memory', 'MemoryPersistenceLayer (a subclass writes the garbage)', () => memory, memoryCorruptions],
  ['redis', 'Redis 7 standalone (garbage SET with the raw client)', () => (redis as OpenStore).layer, redisCorruptions],
  ['dynamodb', 'DynamoDB API on dynalite (garbage PutItem)', () => (dynamodb as OpenStore).layer, dynamoCorruptions],
];

describe.each(stores)('corrupted or foreign records in %s', (id, label, layer, corruptions) => {
  const outcomes: Array<[string, CallOutcome]> = [];
  let runs = 0;

  afterAll(() => {
    recordFigure({
      id: `corrupt.${id}`,
      section: 'Bad input',
      title: 'A corrupted or foreign record raises IdempotencyPersistenceConsistencyError, and the function does not run',
      store: label,
      applied: `one call on each of ${corruptions.length} keys whose record was overwritten with: ${corruptions.map(([name]) => name).join('; ')}`,
      ...tally(outcomes.map(([, outcome]) => outcome)),
      executions: runs,
      keys: corruptions.length,
      recordsLeftInProgress: 0,
      durationMs: 0,
    });
  });

  it.each(corruptions)(
    'a call on a key holding %s raises IdempotencyPersistenceConsistencyError and does not run the function',
    async (name, write) => {
      const keyPrefix = `corrupt-${id}`;
      const order = makeIdempotent(
        async (_payload: { orderId: string }) => {
          runs++;
          return 'charged';
        },
        { persistenceStore: layer(), keyPrefix, config: new IdempotencyConfig({}) }
      );
      await write(idempotencyKeyOf(keyPrefix, { orderId: name }));
      const outcome = await outcomeOf(name, () => order({ orderId: name }));
      outcomes.push([name, outcome]);

      expect(outcome).toEqual({ key: name, error: IdempotencyPersistenceConsistencyError.name });
      expect(runs).toBe(0);
    }
  );
});
