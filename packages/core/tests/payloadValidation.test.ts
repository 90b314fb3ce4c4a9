import { createHash } from 'node:crypto';
import { IdempotencyConfig, IdempotencyValidationError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { deferred } from './helpers/deferred.js';
import { keyOf } from './helpers/store.js';

interface ChargeRequest {
  orderId: string;
  amount: number;
}

const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' });

describe('payload validation', () => {
  it('the same key with a different validated payload gets IdempotencyValidationError with the stored record, and the function does not run', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (request: ChargeRequest) => `charged ${request.amount}`);
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, config, keyPrefix: 'charge' });

    await idempotentCharge({ orderId: 'o-1', amount: 42 });
    const error = await idempotentCharge({ orderId: 'o-1', amount: 4200 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyValidationError);
    const validationError = error as IdempotencyValidationError;
    expect(validationError.name).toBe('IdempotencyValidationError');
    expect(validationError.existingRecord?.idempotencyKey).toBe(keyOf('charge', 'o-1'));
    expect(validationError.existingRecord?.getResponse()).toBe('charged 42');
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('the same key with the same validated payload replays, whatever else differs', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (request: ChargeRequest & { note?: string }) => `charged ${request.amount}`);
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, config });

    await idempotentCharge({ orderId: 'o-1', amount: 42, note: 'first' });
    await expect(idempotentCharge({ orderId: 'o-1', amount: 42, note: 'second' })).resolves.toBe('charged 42');
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('a completed record keeps the validation hash of the claim', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentCharge = makeIdempotent(async (_request: ChargeRequest) => 'ok', {
      persistenceStore,
      config,
      keyPrefix: 'charge',
    });

    await idempotentCharge({ orderId: 'o-1', amount: 42 });

    const record = await persistenceStore.fetch(keyOf('charge', 'o-1'));
    expect(record.getStatus()).toBe('COMPLETED');
    expect(record.payloadHash).toBe(createHash('md5').update('42').digest('hex'));
  });

  it('a different payload for a key still in progress gets IdempotencyValidationError, not an in-progress error', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const release = deferred();
    const idempotentCharge = makeIdempotent(
      async (_request: ChargeRequest) => {
        await release.promise;
        return 'ok';
      },
      { persistenceStore, config }
    );

    const running = idempotentCharge({ orderId: 'o-1', amount: 42 });
    await expect(idempotentCharge({ orderId: 'o-1', amount: 43 })).rejects.toBeInstanceOf(IdempotencyValidationError);
    release.resolve();
    await running;
  });

  it('a mismatch is detected from the local cache too', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const cachedConfig = new IdempotencyConfig({
      eventKeyJmesPath: 'orderId',
      payloadValidationJmesPath: 'amount',
      useLocalCache: true,
    });
    const idempotentCharge = makeIdempotent(async (_request: ChargeRequest) => 'ok', { persistenceStore, config: cachedConfig });
    const fetch = jest.spyOn(persistenceStore, 'fetch');
    const claim = jest.spyOn(persistenceStore, 'claim');

    await idempotentCharge({ orderId: 'o-1', amount: 42 });
    claim.mockClear();
    await expect(idempotentCharge({ orderId: 'o-1', amount: 43 })).rejects.toBeInstanceOf(IdempotencyValidationError);
    expect(claim).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('without payloadValidationJmesPath a reused key replays whatever the rest of the payload holds', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentCharge = makeIdempotent(async (request: ChargeRequest) => request.amount, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }),
    });

    await idempotentCharge({ orderId: 'o-1', amount: 42 });
    await expect(idempotentCharge({ orderId: 'o-1', amount: 4200 })).resolves.toBe(42);
  });
});
