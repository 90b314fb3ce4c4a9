import { DeleteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyConfig, type IdempotencyEvent, makeIdempotent } from '@idem/core';
import { createIdempotencyTable, type DynaliteServer, type RedisServer, startDynalite, startRedis } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { recordFigure } from '../src/figures.js';
import { type CallOutcome, outcomeOf, tally } from '../src/outcomes.js';
import { idempotencyKeyOf, type OpenStore, openStore, type StoreSpec } from '../src/stores.js';
import { sleep } from './support/clock.js';

const leaseSeconds = 0.6;
const functionMs = 2_100;

let redis: RedisServer | undefined;
let dynalite: DynaliteServer | undefined;

beforeAll(async () => {
  [redis, dynalite] = await Promise.all([startRedis(), startDynalite()]);
  await createIdempotencyTable(dynalite.endpoint, { tableName: 'leases' });
});

afterAll(async () => {
  await Promise.all([redis?.stop(), dynalite?.stop()]);
});

/** Deletes a record with the raw client, as an operator, a TTL bug or a failover would. */
async function deleteBehindItsBack(store: OpenStore, idempotencyKey: string): Promise<void> {
  if (store.layer instanceof CachePersistenceLayer) {
    await (store.raw as Redis).del(store.layer.storageKey(idempotencyKey));
  } else {
    await (store.raw as DynamoDBClient).send(new DeleteItemCommand({ TableName: 'leases', Key: { id: { S: idempotencyKey } } }));
  }
}

const stores: Array<[id: string, label: string, spec: () => StoreSpec]> = [
  ['redis', 'Redis 7 standalone (ioredis)', () => ({ kind: 'redis', port: (redis as RedisServer).port })],
  [
    'dynamodb',
    'DynamoDB API on dynalite',
    () => ({ kind: 'dynamodb', endpoint: (dynalite as DynaliteServer).endpoint, tableName: 'leases' }),
  ],
];

describe.each(stores)('renewInProgressLease on %s (%s)', (id, label, spec) => {
  let store: OpenStore;
  beforeAll(async () => {
    store = await openStore(spec());
  });
  afterAll(async () => {
    await store?.close();
  });

  it(`keeps a ${functionMs} ms function the only execution through ${functionMs / (leaseSeconds * 1000)} leases of ${leaseSeconds} s`, async () => {
    const keyPrefix = `lease-${id}-${Date.now()}`;
    const key = 'job-1';
    const events: IdempotencyEvent[] = [];
    let runs = 0;
    const job = makeIdempotent(
      async (payload: { jobId: string }) => {
        runs++;
        await sleep(functionMs);
        return { jobId: payload.jobId, run: runs };
      },
      {
        persistenceStore: store.layer,
        keyPrefix,
        config: new IdempotencyConfig({
          inProgressExpiresAfterSeconds: leaseSeconds,
          renewInProgressLease: true,
          onEvent: (event) => events.push(event),
        }),
      }
    );
    const started = Date.now();
    const long = outcomeOf(key, () => job({ jobId: key }));
    await sleep(50);
    const firstLeaseEnd = (await store.layer.fetch(idempotencyKeyOf(keyPrefix, { jobId: key }))).inProgressExpiryTimestamp ?? 0;
    // A contender every 150 ms, each time past the first lease's end after the first few, until the long call is done.
    const contenders: CallOutcome[] = [];
    let longDone = false;
    void long.then(() => (longDone = true));
    for (let attempt = 0; attempt < 40 && !longDone; attempt++) {
      contenders.push(await outcomeOf(key, () => job({ jobId: key })));
      await sleep(150);
    }
    const longOutcome = await long;
    const replay = await outcomeOf(key, () => job({ jobId: key }));
    const contendersPastFirstLease = contenders.length;
    const counts = tally([longOutcome, ...contenders, replay]);
    recordFigure({
      id: `lease.${id}`,
      section: 'Long-running functions',
      title: 'With renewInProgressLease, a function that outlives several leases stays the only execution',
      store: label,
      applied: `one call whose function takes ${functionMs} ms with a ${leaseSeconds} s lease (renewed every ${(leaseSeconds * 1000) / 3} ms); a contending call every 150 ms while it runs`,
      ...counts,
      executions: runs,
      keys: 1,
      recordsLeftInProgress: 0,
      notes: [
        `${contendersPastFirstLease} contending calls while it ran, the last ${Math.max(0, Date.now() - firstLeaseEnd)} ms past the first lease's end: ` +
          `${contenders.filter((outcome) => 'error' in outcome).length} refused as in progress, ${contenders.filter((outcome) => 'result' in outcome).length} replaying its result as it finished; ` +
          `events: ${events.filter((event) => event.type === 'claimLost').length} claimLost, ${events.filter((event) => event.type === 'storeError').length} storeError.`,
      ],
      durationMs: Date.now() - started,
    });

    expect(runs).toBe(1);
    expect(longOutcome).toEqual({ key, result: JSON.stringify({ jobId: key, run: 1 }) });
    // Refused while the long call ran; one sent just before it finished may already get its replay.
    const refused = contenders.filter((outcome) => 'error' in outcome && outcome.error === 'IdempotencyAlreadyInProgressError');
    expect(refused.length).toBeGreaterThan(5);
    expect(contenders.filter((outcome) => !refused.includes(outcome))).toEqual(
      contenders.filter((outcome) => 'result' in outcome && outcome.result === (longOutcome as { result?: string }).result)
    );
    expect(replay).toEqual(longOutcome);
    expect(events.filter((event) => event.type === 'claimLost' || event.type === 'storeError')).toEqual([]);
  }, 20_000);

  it("refuses and reports the completion of a claim lost behind its back, and leaves the new owner's record alone", async () => {
    const keyPrefix = `lost-${id}-${Date.now()}`;
    const key = 'job-2';
    const idempotencyKey = idempotencyKeyOf(keyPrefix, { jobId: key });
    const events: IdempotencyEvent[] = [];
    const finish: Array<() => void> = [];
    let runs = 0;
    const job = makeIdempotent(
      async (payload: { jobId: string }) => {
        const run = ++runs;
        await new Promise<void>((resolve) => finish.push(resolve));
        return { jobId: payload.jobId, run };
      },
      {
        persistenceStore: store.layer,
        keyPrefix,
        config: new IdempotencyConfig({
          inProgressExpiresAfterSeconds: leaseSeconds,
          renewInProgressLease: true,
          onEvent: (event) => events.push(event),
        }),
      }
    );
    const started = Date.now();
    const first = outcomeOf(key, () => job({ jobId: key }));
    for (let attempt = 0; attempt < 100 && finish.length < 1; attempt++) await sleep(10);
    await deleteBehindItsBack(store, idempotencyKey);
    const second = outcomeOf(key, () => job({ jobId: key }));
    for (let attempt = 0; attempt < 100 && finish.length < 2; attempt++) await sleep(10);
    const secondOwner = (await store.layer.fetch(idempotencyKey)).ownerToken;

    finish[0]?.();
    const firstOutcome = await first;
    const afterFirst = await store.layer.fetch(idempotencyKey);
    finish[1]?.();
    const secondOutcome = await second;
    const replay = await outcomeOf(key, () => job({ jobId: key }));
    const claimLost = events.filter((event) => event.type === 'claimLost').length;
    recordFigure({
      id: `claimLost.${id}`,
      section: 'Long-running functions',
      title: "A claim lost behind its back: completion refused and reported (claimLost), the new owner's record kept",
      store: label,
      applied:
        "the running call's record is deleted with the raw client, a second call claims the key and runs, then the first finishes",
      ...tally([firstOutcome, secondOutcome, replay]),
      executions: runs,
      keys: 1,
      recordsLeftInProgress: 0,
      notes: [
        `${claimLost} claimLost event(s); after the first call finished, the record was still the second call's ${afterFirst.getStatus()} claim; ` +
          "the key then replayed the second call's result.",
      ],
      durationMs: Date.now() - started,
    });

    expect(runs).toBe(2);
    expect(firstOutcome).toEqual({ key, result: JSON.stringify({ jobId: key, run: 1 }) });
    expect(afterFirst.getStatus()).toBe('INPROGRESS');
    expect(afterFirst.ownerToken).toBe(secondOwner);
    expect(claimLost).toBeGreaterThanOrEqual(1);
    expect(secondOutcome).toEqual({ key, result: JSON.stringify({ jobId: key, run: 2 }) });
    expect(replay).toEqual(secondOutcome);
  }, 20_000);
});
