import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { advanceClock, fakeDate, restoreDate } from './helpers/clock.js';
import { roundTrips, spyOnStore } from './helpers/store.js';

const cachedConfig = (options: { maxLocalCacheSize?: number; expiresAfterSeconds?: number } = {}) =>
  new IdempotencyConfig({ useLocalCache: true, ...options });

describe('local cache', () => {
  afterEach(restoreDate);

  it('a repeat is served from the local cache with no store round trip', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const charge = jest.fn(async (_order: { orderId: string }) => ({ chargeId: 'ch-1' }));
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, config: cachedConfig() });

    await idempotentCharge({ orderId: 'o-1' });
    const afterFirst = roundTrips(spies);
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toEqual({ chargeId: 'ch-1' });
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toEqual({ chargeId: 'ch-1' });

    expect(afterFirst).toBe(2);
    expect(roundTrips(spies)).toBe(2);
    expect(spies.fetch).not.toHaveBeenCalled();
    expect(spies.claim).toHaveBeenCalledTimes(1);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('a record replayed from the store is cached, so the next repeat costs no round trip', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_order: { orderId: string }) => 'charged');
    // Another process completed the call: this one learns the record from the store.
    await makeIdempotent(charge, { persistenceStore })({ orderId: 'o-1' });
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, config: cachedConfig() });
    const spies = spyOnStore(persistenceStore);

    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toBe('charged');
    expect(roundTrips(spies)).toBe(1);
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toBe('charged');
    expect(roundTrips(spies)).toBe(1);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('without useLocalCache every repeat asks the store', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const idempotentCharge = makeIdempotent(async (_order: { orderId: string }) => 'charged', { persistenceStore });

    await idempotentCharge({ orderId: 'o-1' });
    await idempotentCharge({ orderId: 'o-1' });
    await idempotentCharge({ orderId: 'o-1' });
    expect(spies.claim).toHaveBeenCalledTimes(3);
  });

  it('the cache holds at most maxLocalCacheSize records: the least recently used one is asked of the store again', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const idempotentCharge = makeIdempotent(async (order: { orderId: string }) => order.orderId, {
      persistenceStore,
      config: cachedConfig({ maxLocalCacheSize: 2 }),
    });

    await idempotentCharge({ orderId: 'o-1' });
    await idempotentCharge({ orderId: 'o-2' });
    await idempotentCharge({ orderId: 'o-3' }); // evicts o-1
    spies.claim.mockClear();

    await expect(idempotentCharge({ orderId: 'o-3' })).resolves.toBe('o-3');
    await expect(idempotentCharge({ orderId: 'o-2' })).resolves.toBe('o-2');
    expect(spies.claim).not.toHaveBeenCalled();
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toBe('o-1');
    expect(spies.claim).toHaveBeenCalledTimes(1);
  });

  it('replays from the cache are fresh objects: one caller mutating its result does not change what another gets', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentCharge = makeIdempotent(async (_order: { orderId: string }) => ({ lines: [{ sku: 'a' }] }), {
      persistenceStore,
      config: cachedConfig(),
    });

    const first = await idempotentCharge({ orderId: 'o-1' });
    first.lines.push({ sku: 'added by the first caller' });
    const second = await idempotentCharge({ orderId: 'o-1' });
    second.lines[0]!.sku = 'changed by the second caller';
    const third = await idempotentCharge({ orderId: 'o-1' });

    expect(third).toEqual({ lines: [{ sku: 'a' }] });
    expect(third).not.toBe(second);
  });

  it('an expired record is not served from the cache: the function runs again', async () => {
    fakeDate();
    const persistenceStore = new MemoryPersistenceLayer();
    let runs = 0;
    const idempotentCharge = makeIdempotent(async (_order: { orderId: string }) => ++runs, {
      persistenceStore,
      config: cachedConfig({ expiresAfterSeconds: 30 }),
    });

    await idempotentCharge({ orderId: 'o-1' });
    advanceClock(29);
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toBe(1);
    advanceClock(1);
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toBe(2);
  });

  it('a function that returned undefined replays undefined from the cache', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const notify = jest.fn(async (_order: { orderId: string }): Promise<void> => undefined);
    const idempotentNotify = makeIdempotent(notify, { persistenceStore, config: cachedConfig() });

    await idempotentNotify({ orderId: 'o-1' });
    await expect(idempotentNotify({ orderId: 'o-1' })).resolves.toBeUndefined();
    expect(roundTrips(spies)).toBe(2);
    expect(notify).toHaveBeenCalledTimes(1);
  });

  it('a failed call is not cached', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    let attempt = 0;
    const idempotentCharge = makeIdempotent(
      async (_order: { orderId: string }) => {
        if (++attempt === 1) throw new Error('declined');
        return 'charged';
      },
      { persistenceStore, config: cachedConfig() }
    );

    await expect(idempotentCharge({ orderId: 'o-1' })).rejects.toThrow('declined');
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toBe('charged');
  });

  it('a very large maxLocalCacheSize costs nothing up front: wrapping works and the cache grows with use', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const wrap = () =>
      makeIdempotent(async (order: { orderId: string }) => order.orderId, {
        persistenceStore,
        config: cachedConfig({ maxLocalCacheSize: 2 ** 32 }),
      });

    expect(wrap).not.toThrow();
    const idempotentFn = wrap();
    await idempotentFn({ orderId: 'o-1' });
    const claim = jest.spyOn(persistenceStore, 'claim');
    await expect(idempotentFn({ orderId: 'o-1' })).resolves.toBe('o-1');
    expect(claim).not.toHaveBeenCalled();
  });
});
