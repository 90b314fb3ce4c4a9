import { IdempotencyAlreadyInProgressError, IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { Context } from 'aws-lambda';
import { advanceClock, fakeDate, restoreDate } from './helpers/clock.js';
import { deferred } from './helpers/deferred.js';
import { lambdaContext } from './helpers/lambdaContext.js';

const event = { body: '{"orderId":"o-1"}' };

/** The in-progress expiry a duplicate sees while the first call is still running. */
async function inProgressExpirySeenByDuplicate(call: () => Promise<unknown>): Promise<number | undefined> {
  const error = await call().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(IdempotencyAlreadyInProgressError);
  return (error as IdempotencyAlreadyInProgressError).existingRecord?.inProgressExpiryTimestamp;
}

describe('in-progress expiry', () => {
  beforeEach(() => fakeDate());
  afterEach(restoreDate);

  it('without a Lambda context a claim blocks its key for 60 seconds by default', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    const process = makeIdempotent(
      async (_request: typeof event) => {
        await release.promise;
        return 'done';
      },
      { persistenceStore }
    );

    const running = process(event);
    expect(await inProgressExpirySeenByDuplicate(() => process(event))).toBe(Date.now() + 60_000);
    release.resolve();
    await running;
  });

  it('inProgressExpiresAfterSeconds sets how long a claim blocks its key without a Lambda context', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    const process = makeIdempotent(
      async (_request: typeof event) => {
        await release.promise;
        return 'done';
      },
      { persistenceStore, config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: 5 }) }
    );

    const running = process(event);
    expect(await inProgressExpirySeenByDuplicate(() => process(event))).toBe(Date.now() + 5_000);
    release.resolve();
    await running;
  });

  it("a Lambda handler's claim blocks its key for the invocation's remaining time", async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    const handler = makeIdempotent(
      async (_event: typeof event, _context: Context) => {
        await release.promise;
        return { statusCode: 200 };
      },
      { persistenceStore, config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: 600 }) }
    );

    const running = handler(event, lambdaContext(12_345));
    expect(await inProgressExpirySeenByDuplicate(() => handler(event, lambdaContext(30_000)))).toBe(Date.now() + 12_345);
    release.resolve();
    await running;
  });

  it('registerLambdaContext lets the remaining time bound the claims of a function that is not a handler', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({});
    config.registerLambdaContext(lambdaContext(7_000));
    const release = deferred();
    const processRecord = makeIdempotent(
      async (_record: typeof event) => {
        await release.promise;
        return 'done';
      },
      { persistenceStore, config }
    );

    const running = processRecord(event);
    expect(await inProgressExpirySeenByDuplicate(() => processRecord(event))).toBe(Date.now() + 7_000);
    release.resolve();
    await running;
  });

  it('a lambdaContext given in the config options is used like a registered one', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    const processRecord = makeIdempotent(
      async (_record: typeof event) => {
        await release.promise;
        return 'done';
      },
      { persistenceStore, config: new IdempotencyConfig({ lambdaContext: lambdaContext(3_000) }) }
    );

    const running = processRecord(event);
    expect(await inProgressExpirySeenByDuplicate(() => processRecord(event))).toBe(Date.now() + 3_000);
    release.resolve();
    await running;
  });

  it('once the claim lapses (its caller crashed) the next call runs the function', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({ inProgressExpiresAfterSeconds: 10 });
    const crashed = deferred<string>();
    let runs = 0;
    const process = makeIdempotent(
      async (_request: typeof event) => {
        runs++;
        return runs === 1 ? crashed.promise : 'ran again';
      },
      { persistenceStore, config }
    );

    void process(event).catch(() => undefined); // never settles until the end: a caller that died
    advanceClock(9);
    await expect(process(event)).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    advanceClock(1);
    await expect(process(event)).resolves.toBe('ran again');
    expect(runs).toBe(2);
    crashed.reject(new Error('the first caller never returned'));
  });

  it('a completed record replays after its in-progress expiry has passed', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({ inProgressExpiresAfterSeconds: 10, expiresAfterSeconds: 3600 });
    let runs = 0;
    const process = makeIdempotent(async (_request: typeof event) => ++runs, { persistenceStore, config });

    await process(event);
    advanceClock(11);
    await expect(process(event)).resolves.toBe(1);
    expect(runs).toBe(1);
  });
});
