import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { advanceClock, fakeDate, restoreDate } from './helpers/clock.js';

describe('one persistence layer shared by several functions', () => {
  afterEach(restoreDate);

  it('two different functions called with the same payload never share a record', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = makeIdempotent(async (order: { orderId: string }) => `charged ${order.orderId}`, { persistenceStore });
    const refund = makeIdempotent(async (order: { orderId: string }) => `refunded ${order.orderId}`, { persistenceStore });

    await expect(charge({ orderId: 'o-1' })).resolves.toBe('charged o-1');
    await expect(refund({ orderId: 'o-1' })).resolves.toBe('refunded o-1');
    await expect(charge({ orderId: 'o-1' })).resolves.toBe('charged o-1');
    expect(persistenceStore.size).toBe(2);
  });

  it('two anonymous functions with different code never share a record', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const wrap = (fn: (order: { orderId: string }) => Promise<string>) => makeIdempotent(fn, { persistenceStore });
    const charge = wrap(async (order) => `charged ${order.orderId}`);
    const refund = wrap(async (order) => `refunded ${order.orderId}`);

    await expect(charge({ orderId: 'o-1' })).resolves.toBe('charged o-1');
    await expect(refund({ orderId: 'o-1' })).resolves.toBe('refunded o-1');
  });

  it('the same function wrapped twice shares its records, as a retry in another process would', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (order: { orderId: string }) => `charged ${order.orderId}`);
    const inThisProcess = makeIdempotent(charge, { persistenceStore });
    const inAnotherProcess = makeIdempotent(charge, { persistenceStore });

    await inThisProcess({ orderId: 'o-1' });
    await inAnotherProcess({ orderId: 'o-1' });
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('AWS_LAMBDA_FUNCTION_NAME is part of the default key, so two Lambda functions never share records', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const previous = process.env.AWS_LAMBDA_FUNCTION_NAME;
    try {
      process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-eu';
      const chargeEu = jest.fn(async (_order: { orderId: string }) => 'eu');
      const inEu = makeIdempotent(chargeEu, { persistenceStore });
      process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-us';
      const chargeUs = jest.fn(async (_order: { orderId: string }) => 'us');
      const inUs = makeIdempotent(chargeUs, { persistenceStore });

      await expect(inEu({ orderId: 'o-1' })).resolves.toBe('eu');
      await expect(inUs({ orderId: 'o-1' })).resolves.toBe('us');
    } finally {
      if (previous === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = previous;
    }
  });

  it('a keyPrefix shared on purpose makes two functions share records', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const first = makeIdempotent(async (_order: { orderId: string }) => 'first', { persistenceStore, keyPrefix: 'orders' });
    const second = makeIdempotent(async (_order: { orderId: string }) => 'second', { persistenceStore, keyPrefix: 'orders' });

    await first({ orderId: 'o-1' });
    await expect(second({ orderId: 'o-1' })).resolves.toBe('first');
  });

  it('serves two configs at once: different key paths and expiries, called concurrently', async () => {
    fakeDate();
    const persistenceStore = new MemoryPersistenceLayer();
    let chargeRuns = 0;
    let shipRuns = 0;
    const charge = makeIdempotent(async (_event: { orderId: string; parcelId: string }) => ++chargeRuns, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', expiresAfterSeconds: 10 }),
    });
    const ship = makeIdempotent(async (_event: { orderId: string; parcelId: string }) => ++shipRuns, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'parcelId', expiresAfterSeconds: 1000 }),
    });

    const events = Array.from({ length: 10 }, (_, index) => ({ orderId: `o-${index}`, parcelId: 'p-shared' }));
    await Promise.all(events.map((event) => charge(event)));
    await Promise.allSettled(events.map((event) => ship(event)));
    expect(chargeRuns).toBe(10); // keyed by orderId: ten keys
    expect(shipRuns).toBe(1); // keyed by parcelId: one key

    advanceClock(11);
    await Promise.all([charge(events[0]!), ship(events[0]!)]);
    expect(chargeRuns).toBe(11); // its 10 s records expired
    expect(shipRuns).toBe(1); // its 1000 s record still replays
  });
});
