import type { PostgresPersistenceLayer } from '@idem/postgres';
import {
  createIdempotencyTable,
  createPostgresDatabase,
  type DynaliteServer,
  type PostgresDatabase,
  type RedisCluster,
  type RedisServer,
  startDynalite,
  startRedis,
  startRedisCluster,
} from '@idem/test-servers';
import { recordFigure } from '../src/figures.js';
import { tally } from '../src/outcomes.js';
import { executionsByKey, recordsInProgress, replayEachKey, wrongOutcomes } from '../src/runChecks.js';
import { openStore, type StoreSpec } from '../src/stores.js';
import { startWorkers, type WorkerProcess } from '../src/workerPool.js';

const workerCount = 4;
const keys = Array.from({ length: 8 }, (_, i) => `order-${i}`);

let workers: WorkerProcess[] = [];
let redis: RedisServer | undefined;
let cluster: RedisCluster | undefined;
let dynalite: DynaliteServer | undefined;
let postgres: PostgresDatabase | undefined;

beforeAll(async () => {
  [workers, redis, cluster, dynalite, postgres] = await Promise.all([
    startWorkers(workerCount),
    startRedis(),
    startRedisCluster(),
    startDynalite(),
    createPostgresDatabase(),
  ]);
  await createIdempotencyTable(dynalite.endpoint, { tableName: 'load' });
  await openStore({ kind: 'postgres', url: postgres.url, tableName: 'load' }).then(async (store) => {
    await (store.layer as PostgresPersistenceLayer).createTable();
    await store.close();
  });
}, 90_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill()));
  await Promise.all([redis?.stop(), cluster?.stop(), dynalite?.stop(), postgres?.drop()]);
});

const stores: Array<[id: string, label: string, callsPerWorker: number, spec: () => StoreSpec]> = [
  ['redis', 'Redis 7 standalone (ioredis)', 300, () => ({ kind: 'redis', port: (redis as RedisServer).port })],
  [
    'cluster',
    'Redis 7 cluster, 3 masters (ioredis Cluster)',
    300,
    () => ({ kind: 'cluster', nodes: (cluster as RedisCluster).nodes }),
  ],
  [
    'dynamodb',
    'DynamoDB API on dynalite',
    100,
    () => ({ kind: 'dynamodb', endpoint: (dynalite as DynaliteServer).endpoint, tableName: 'load' }),
  ],
  [
    'postgres',
    'PostgreSQL 15 (node-postgres Pool of 20 per process)',
    300,
    () => ({ kind: 'postgres', url: (postgres as PostgresDatabase).url, tableName: 'load' }),
  ],
];

describe(`${workerCount} worker processes calling one idempotent function over ${keys.length} keys at once`, () => {
  it.each(stores)(
    'on %s (%s): each key runs once, every caller gets its result or in progress, and every result replays',
    async (id, label, callsPerWorker, spec) => {
      const keyPrefix = `load-${id}-${Date.now()}`;
      const started = Date.now();
      const task = {
        type: 'load',
        store: spec(),
        keyPrefix,
        keys,
        calls: callsPerWorker,
        functionMs: 150,
        spreadMs: 400,
        startAt: Date.now() + 300,
        inProgressExpiresAfterSeconds: 30,
      } as const;
      const replies = await Promise.all(workers.map((worker) => worker.load(task)));
      const durationMs = Date.now() - started;
      const outcomes = replies.flatMap((reply) => reply.outcomes);
      const executions = replies.flatMap((reply) => reply.executions);
      const byKey = executionsByKey(executions);

      const store = await openStore(spec());
      try {
        const { replays, reran } = await replayEachKey(store.layer, keyPrefix, keys);
        const leftInProgress = await recordsInProgress(store.layer, keyPrefix, keys);
        const counts = tally(outcomes);
        recordFigure({
          id: `load.${id}`,
          section: 'Load',
          title: 'Each key runs once; every caller gets the result or IdempotencyAlreadyInProgressError; every result replays',
          store: label,
          applied:
            `${workerCount} processes × ${callsPerWorker} concurrent calls over ${keys.length} keys, started together and spread over ` +
            `${task.spreadMs} ms; the function takes ${task.functionMs} ms`,
          ...counts,
          executions: executions.length,
          keys: keys.length,
          recordsLeftInProgress: leftInProgress.length,
          notes: [
            `After the run, each key replayed the result its callers got (${replays.size} keys checked, the function ran ${reran.length} more times).`,
          ],
          durationMs,
        });

        expect(counts.calls).toBe(workerCount * callsPerWorker);
        expect(Object.fromEntries([...byKey].map(([key, results]) => [key, results.length]))).toEqual(
          Object.fromEntries(keys.map((key) => [key, 1]))
        );
        expect(wrongOutcomes(outcomes, byKey, ['IdempotencyAlreadyInProgressError'])).toEqual([]);
        expect(counts.results).toBeGreaterThan(0);
        expect(reran).toEqual([]);
        for (const key of keys) expect(replays.get(key)).toBe(byKey.get(key)?.[0]);
        expect(leftInProgress).toEqual([]);
      } finally {
        await store.close();
      }
    },
    60_000
  );
});
