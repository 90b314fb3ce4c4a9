import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { advanceClock, fakeDate, restoreDate } from './helpers/clock.js';
import { deferred } from './helpers/deferred.js';
import { keyOf } from './helpers/store.js';

describe('a claim lost to a second owner after its lease lapsed', () => {
  beforeEach(() => fakeDate());
  afterEach(restoreDate);

  it('the first caller still gets its result, the new owner keeps its record, and one warning names the key but not the payload', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({ inProgressExpiresAfterSeconds: 10 });
    const slowFirst = deferred<string>();
    const secret = { orderId: 'o-1', cardNumber: '4111111111111111' };
    let runs = 0;
    const charge = makeIdempotent(
      async (_order: typeof secret) => {
        runs++;
        return runs === 1 ? slowFirst.promise : 'second owner result';
      },
      { persistenceStore, config, keyPrefix: 'charge' }
    );
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const first = charge(secret);
      advanceClock(11); // the first call's lease lapses
      await expect(charge(secret)).resolves.toBe('second owner result');

      slowFirst.resolve('first owner result');
      await expect(first).resolves.toBe('first owner result');

      await expect(charge(secret)).resolves.toBe('second owner result');
      expect(runs).toBe(2);
      const record = await persistenceStore.fetch(keyOf('charge', secret));
      expect(record.getResponse()).toBe('second owner result');

      expect(warn).toHaveBeenCalledTimes(1);
      const line = String(warn.mock.calls[0]?.[0]);
      expect(line).toContain(keyOf('charge', secret));
      expect(line).not.toContain(secret.cardNumber);
      expect(line).not.toContain('first owner result');
      expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      warn.mockRestore();
    }
  });

  it("a first caller that throws after losing its claim does not delete the new owner's claim", async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({ inProgressExpiresAfterSeconds: 10 });
    const slowFirst = deferred<string>();
    const secondRunning = deferred<string>();
    let runs = 0;
    const charge = makeIdempotent(
      async (_order: { orderId: string }) => {
        runs++;
        return runs === 1 ? slowFirst.promise : secondRunning.promise;
      },
      { persistenceStore, config, keyPrefix: 'charge' }
    );

    const first = charge({ orderId: 'o-1' });
    advanceClock(11);
    const second = charge({ orderId: 'o-1' });
    slowFirst.reject(new Error('first caller failed late'));
    await expect(first).rejects.toThrow('first caller failed late');

    const record = await persistenceStore.fetch(keyOf('charge', { orderId: 'o-1' }));
    expect(record.getStatus()).toBe('INPROGRESS');
    secondRunning.resolve('second');
    await expect(second).resolves.toBe('second');
  });
});
