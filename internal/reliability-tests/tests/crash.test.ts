import { IdempotencyAlreadyInProgressError, IdempotencyConfig, makeIdempotent } from '@idem/core';
import { createIdempotencyTable, type DynaliteServer, type RedisServer, startDynalite, startRedis } from '@idem/test-servers';
import { recordFigure } from '../src/figures.js';
import { outcomeOf, tally } from '../src/outcomes.js';
import { idempotencyKeyOf, openStore, type StoreSpec } from '../src/stores.js';
import { startWorkers, type WorkerProcess } from '../src/workerPool.js';
import { sleep } from './support/clock.js';

const leaseSeconds = 2;

let workers: WorkerProcess[] = [];
let redis: RedisServer | undefined;
let dynalite: DynaliteServer | undefined;

beforeAll(async () => {
  [workers, redis, dynalite] = await Promise.all([startWorkers(2), startRedis(), startDynalite()]);
  await createIdempotencyTable(dynalite.endpoint, { tableName: 'crash' });
}, 60_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill()));
  await Promise.all([redis?.stop(), dynalite?.stop()]);
});

const stores: Array<[id: string, label: string, index: number, spec: () => StoreSpec]> = [
  ['redis', 'Redis 7 standalone (ioredis)', 0, () => ({ kind: 'redis', port: (redis as RedisServer).port })],
  [
    'dynamodb',
    'DynamoDB API on dynalite',
    1,
    () => ({ kind: 'dynamodb', endpoint: (dynalite as DynaliteServer).endpoint, tableName: 'crash' }),
  ],
];

describe(`a process SIGKILLed while its function runs (inProgressExpiresAfterSeconds: ${leaseSeconds})`, () => {
  it.each(stores)(
    'on %s (%s): a retry within the lease is refused as in progress; after it, the function runs again once',
    async (id, label, index, spec) => {
      const worker = workers[index] as WorkerProcess;
      const keyPrefix = `crash-${id}-${Date.now()}`;
      const key = 'order-1';
      const started = Date.now();
      await worker.hang({ type: 'hang', store: spec(), keyPrefix, key, inProgressExpiresAfterSeconds: leaseSeconds });
      await worker.kill();

      const store = await openStore(spec());
      try {
        let runs = 0;
        const order = makeIdempotent(
          async (payload: { orderId: string }) => {
            runs++;
            await sleep(100);
            return { orderId: payload.orderId, ranBy: 'retry' };
          },
          {
            persistenceStore: store.layer,
            keyPrefix,
            config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: leaseSeconds }),
          }
        );
        const early = await outcomeOf(key, () => order({ orderId: key }));
        const claim = await store.layer.fetch(idempotencyKeyOf(keyPrefix, { orderId: key }));
        const leaseEnd = claim.inProgressExpiryTimestamp ?? 0;
        const runsWithinLease = runs;

        // Real time: the lease is the dead process's, written by its clock into the store.
        await sleep(Math.min(Math.max(0, leaseEnd - Date.now() + 20), leaseSeconds * 1000 + 100));
        const retries = await Promise.all(Array.from({ length: 10 }, () => outcomeOf(key, () => order({ orderId: key }))));
        const replay = await outcomeOf(key, () => order({ orderId: key }));
        const counts = tally([early, ...retries, replay]);
        const finalStatus = (await store.layer.fetch(claim.idempotencyKey)).getStatus();
        recordFigure({
          id: `crash.${id}`,
          section: 'Crashes',
          title: 'A crashed caller blocks its key only until its in-progress expiry; then the function runs again, once',
          store: label,
          applied:
            `a worker process claims the key and is SIGKILLed while its function runs; one retry within the ${leaseSeconds} s lease, ` +
            'then 10 concurrent retries after it and one more call',
          ...counts,
          executions: runs + 1,
          keys: 1,
          recordsLeftInProgress: finalStatus === 'INPROGRESS' ? 1 : 0,
          notes: [
            `The retry within the lease got ${'error' in early ? early.error : 'a result'}; the dead process's claim had ${leaseEnd - started} ms of lease from the test's start.`,
            `After the lease the function ran ${runs} time(s) in this process; the last call replayed its result.`,
          ],
          durationMs: Date.now() - started,
        });

        expect(early).toEqual({ key, error: 'IdempotencyAlreadyInProgressError' });
        expect(claim.getStatus()).toBe('INPROGRESS');
        expect(runsWithinLease).toBe(0);
        expect(runs).toBe(1);
        // The one run's caller gets its result; the others got in progress, or the replay if they came after it.
        const ranResult = JSON.stringify({ orderId: key, ranBy: 'retry' });
        expect(new Set(retries.map((outcome) => ('result' in outcome ? outcome.result : outcome.error)))).toEqual(
          new Set([
            ranResult,
            ...(tally(retries).errors[IdempotencyAlreadyInProgressError.name] ? [IdempotencyAlreadyInProgressError.name] : []),
          ])
        );
        expect(finalStatus).toBe('COMPLETED');
        expect(replay).toEqual({ key, result: JSON.stringify({ orderId: key, ranBy: 'retry' }) });
      } finally {
        await store.close();
      }
    },
    30_000
  );
});
