import { IdempotencyConfig, IdempotencyRecord, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { JSONValue } from '@idem/core/types';
import { keyOf } from './helpers/store.js';

describe('responseHook', () => {
  it('runs on a replay with the stored response and the record; the caller gets what it returns', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const responseHook = jest.fn(
      (response: JSONValue, record: IdempotencyRecord): JSONValue => ({
        ...(response as Record<string, JSONValue>),
        replayed: true,
        status: record.getStatus(),
      })
    );
    const idempotentCharge = makeIdempotent(async (_order: { orderId: string }) => ({ chargeId: 'ch-1' }), {
      persistenceStore,
      keyPrefix: 'charge',
      config: new IdempotencyConfig({ responseHook }),
    });

    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toEqual({ chargeId: 'ch-1' });
    expect(responseHook).not.toHaveBeenCalled();

    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toEqual({
      chargeId: 'ch-1',
      replayed: true,
      status: 'COMPLETED',
    });
    expect(responseHook).toHaveBeenCalledTimes(1);
    const [response, record] = responseHook.mock.calls[0]!;
    expect(response).toEqual({ chargeId: 'ch-1' });
    expect(record).toBeInstanceOf(IdempotencyRecord);
    expect(record.idempotencyKey).toBe(keyOf('charge', { orderId: 'o-1' }));
  });

  it('runs on replays served from the local cache too', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const responseHook = jest.fn((response: JSONValue): JSONValue => ({ wrapped: response }));
    const idempotentCharge = makeIdempotent(async (_order: { orderId: string }) => 'charged', {
      persistenceStore,
      config: new IdempotencyConfig({ responseHook, useLocalCache: true }),
    });
    const claim = jest.spyOn(persistenceStore, 'claim');

    await idempotentCharge({ orderId: 'o-1' });
    await idempotentCharge({ orderId: 'o-1' });
    await expect(idempotentCharge({ orderId: 'o-1' })).resolves.toEqual({ wrapped: 'charged' });
    expect(responseHook).toHaveBeenCalledTimes(2);
    expect(claim).toHaveBeenCalledTimes(1);
  });

  it('a hook that mutates the response it gets does not change later replays', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const responseHook = (response: JSONValue): JSONValue => {
      (response as { count: number }).count++;
      return response;
    };
    const idempotentCount = makeIdempotent(async (_order: { orderId: string }) => ({ count: 1 }), {
      persistenceStore,
      config: new IdempotencyConfig({ responseHook, useLocalCache: true }),
    });

    await idempotentCount({ orderId: 'o-1' });
    await expect(idempotentCount({ orderId: 'o-1' })).resolves.toEqual({ count: 2 });
    await expect(idempotentCount({ orderId: 'o-1' })).resolves.toEqual({ count: 2 });
  });
});
