import { IdempotencyAlreadyInProgressError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { deferred } from './helpers/deferred.js';
import { keyOf } from './helpers/store.js';

const payment = { orderId: 'o-1', amount: 42 };

describe('concurrent duplicates', () => {
  it('twenty duplicates in parallel run the function once; the others get IdempotencyAlreadyInProgressError with the record', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    const charge = jest.fn(async (_request: typeof payment) => {
      await release.promise;
      return { chargeId: 'ch-1' };
    });
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, keyPrefix: 'charge' });

    const calls = Array.from({ length: 20 }, () => idempotentCharge({ ...payment }));
    const refused = await Promise.allSettled(calls.slice(1));
    release.resolve();
    await expect(calls[0]).resolves.toEqual({ chargeId: 'ch-1' });

    expect(charge).toHaveBeenCalledTimes(1);
    for (const outcome of refused) {
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as IdempotencyAlreadyInProgressError;
      expect(error).toBeInstanceOf(IdempotencyAlreadyInProgressError);
      expect(error.existingRecord?.idempotencyKey).toBe(keyOf('charge', payment));
      expect(error.existingRecord?.getStatus()).toBe('INPROGRESS');
    }
  });

  it('twenty duplicates started together settle as one result and nineteen in-progress errors, whichever wins', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_request: typeof payment) => {
      await new Promise((resolve) => setImmediate(resolve));
      return 'charged';
    });
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => idempotentCharge(payment)));

    expect(charge).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const reasons = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(reasons).toHaveLength(19);
    for (const reason of reasons) expect(reason).toBeInstanceOf(IdempotencyAlreadyInProgressError);
  });

  it('after the running call completes, a duplicate replays its result', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    const idempotentCharge = makeIdempotent(
      async (_request: typeof payment) => {
        await release.promise;
        return 'charged once';
      },
      { persistenceStore }
    );

    const running = idempotentCharge(payment);
    await expect(idempotentCharge(payment)).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    release.resolve();
    await running;
    await expect(idempotentCharge(payment)).resolves.toBe('charged once');
  });

  it('duplicates of different keys in parallel each run once', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (request: { orderId: string }) => request.orderId);
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    const orderIds = Array.from({ length: 50 }, (_, index) => `o-${index}`);
    const results = await Promise.all(orderIds.map((orderId) => idempotentCharge({ orderId })));

    expect(results).toEqual(orderIds);
    expect(charge).toHaveBeenCalledTimes(50);
  });
});
