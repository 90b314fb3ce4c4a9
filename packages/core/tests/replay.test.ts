import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { advanceClock, fakeDate, restoreDate } from './helpers/clock.js';
import { keyOf, roundTrips, spyOnStore } from './helpers/store.js';

const payment = { orderId: 'o-1', amount: 42 };

describe('first call and replay', () => {
  afterEach(restoreDate);

  it('a first call runs the function and stores a COMPLETED record with its result', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (request: typeof payment) => ({ chargeId: `ch-${request.orderId}` }));
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, keyPrefix: 'charge' });

    await expect(idempotentCharge(payment)).resolves.toEqual({ chargeId: 'ch-o-1' });

    expect(charge).toHaveBeenCalledTimes(1);
    const record = await persistenceStore.fetch(keyOf('charge', payment));
    expect(record.getStatus()).toBe('COMPLETED');
    expect(record.getResponse()).toEqual({ chargeId: 'ch-o-1' });
  });

  it('a second call with the same payload replays the first result without running the function', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    let runs = 0;
    const idempotentCharge = makeIdempotent(async (_request: typeof payment) => ({ run: ++runs }), { persistenceStore });

    const first = await idempotentCharge(payment);
    const second = await idempotentCharge({ ...payment });

    expect(first).toEqual({ run: 1 });
    expect(second).toEqual({ run: 1 });
    expect(runs).toBe(1);
  });

  it('a first call costs two store round trips and a repeat one', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const idempotentCharge = makeIdempotent(async (_request: typeof payment) => 'ok', { persistenceStore });

    await idempotentCharge(payment);
    expect(roundTrips(spies)).toBe(2);
    await idempotentCharge(payment);
    expect(roundTrips(spies)).toBe(3);
  });

  it('a different payload runs the function again', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (request: typeof payment) => request.amount);
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await idempotentCharge(payment);
    await expect(idempotentCharge({ ...payment, orderId: 'o-2' })).resolves.toBe(42);
    expect(charge).toHaveBeenCalledTimes(2);
  });

  it('the key ignores the order of the payload members', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_request: object) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await idempotentCharge({ orderId: 'o-1', amount: 42, card: { last4: '4242', brand: 'visa' } });
    await idempotentCharge({ card: { brand: 'visa', last4: '4242' }, amount: 42, orderId: 'o-1' });
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('a function that returns undefined replays undefined', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const notify = jest.fn(async (_request: typeof payment): Promise<void> => undefined);
    const idempotentNotify = makeIdempotent(notify, { persistenceStore });

    await expect(idempotentNotify(payment)).resolves.toBeUndefined();
    await expect(idempotentNotify(payment)).resolves.toBeUndefined();
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('a synchronous function is wrapped into one that returns a promise of its result', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const add = makeIdempotent((numbers: { a: number; b: number }) => numbers.a + numbers.b, { persistenceStore });

    const result = add({ a: 1, b: 2 });
    expect(result).toBeInstanceOf(Promise);
    await expect(result).resolves.toBe(3);
    await expect(add({ a: 1, b: 2 })).resolves.toBe(3);
  });

  it('a replayed result is a fresh object: a caller mutating it does not change later replays', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentCharge = makeIdempotent(async (_request: typeof payment) => ({ items: ['a'] }), { persistenceStore });

    const first = await idempotentCharge(payment);
    first.items.push('mutated by the first caller');
    const second = await idempotentCharge(payment);
    second.items.push('mutated by the second caller');

    await expect(idempotentCharge(payment)).resolves.toEqual({ items: ['a'] });
  });

  it('once the record expires the function runs again', async () => {
    fakeDate();
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({ expiresAfterSeconds: 60 });
    let runs = 0;
    const idempotentCharge = makeIdempotent(async (_request: typeof payment) => ++runs, { persistenceStore, config });

    await idempotentCharge(payment);
    advanceClock(59);
    await expect(idempotentCharge(payment)).resolves.toBe(1);
    advanceClock(2);
    await expect(idempotentCharge(payment)).resolves.toBe(2);
    await expect(idempotentCharge(payment)).resolves.toBe(2);
  });

  it('the completed record expires expiresAfterSeconds after completion', async () => {
    fakeDate();
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({ expiresAfterSeconds: 90 });
    const idempotentCharge = makeIdempotent(async (_request: typeof payment) => 'ok', {
      persistenceStore,
      config,
      keyPrefix: 'p',
    });

    await idempotentCharge(payment);

    const record = await persistenceStore.fetch(keyOf('p', payment));
    expect(record.expiryTimestamp).toBe(Math.floor(Date.now() / 1000) + 90);
  });
});
