import {
  IdempotencyInconsistentStateError,
  IdempotencyInvalidStatusError,
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyPersistenceConsistencyError,
  IdempotencyPersistenceLayerError,
  IdempotencyRecord,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';

const payment = { orderId: 'o-1', amount: 42 };

/** A memory store whose refused claims do not return the existing record, as some stores cannot. */
class ReadAfterRefusalLayer extends MemoryPersistenceLayer {
  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._putRecord(record);
    } catch (error) {
      if (error instanceof IdempotencyItemAlreadyExistsError) throw new IdempotencyItemAlreadyExistsError(error.message);
      throw error;
    }
  }
}

/** A store that refuses every claim, while the record is gone by the time it is read. */
class VanishingRecordLayer extends MemoryPersistenceLayer {
  public putAttempts = 0;
  public succeedOnAttempt = Infinity;

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    this.putAttempts++;
    if (this.putAttempts >= this.succeedOnAttempt) return super._putRecord(record);
    throw new IdempotencyItemAlreadyExistsError(`A live record exists for key ${record.idempotencyKey}`);
  }

  protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    throw new IdempotencyItemNotFoundError(`No idempotency record for key ${idempotencyKey}`);
  }
}

describe('store failures', () => {
  it('a store failure on the claim gets IdempotencyPersistenceLayerError with the store error as cause, and the function does not run', async () => {
    const storeError = new Error('ECONNREFUSED 127.0.0.1:8000');
    class DownLayer extends MemoryPersistenceLayer {
      protected override async _putRecord(): Promise<void> {
        throw storeError;
      }
    }
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore: new DownLayer() });

    const error = await idempotentCharge(payment).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect((error as Error).cause).toBe(storeError);
    expect((error as Error).message).toContain('ECONNREFUSED');
    expect(charge).not.toHaveBeenCalled();
  });

  it('a store failure while reading the record after a refused claim gets IdempotencyPersistenceLayerError, and the function does not run', async () => {
    const storeError = new Error('throttled');
    class FailingReadLayer extends ReadAfterRefusalLayer {
      protected override async _getRecord(): Promise<IdempotencyRecord> {
        throw storeError;
      }
    }
    const persistenceStore = new FailingReadLayer();
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });
    await idempotentCharge(payment);

    const error = await idempotentCharge(payment).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect((error as Error).cause).toBe(storeError);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('a store failure while saving the result gets IdempotencyPersistenceLayerError with the cause after the function ran', async () => {
    const storeError = new Error('item too large');
    class FailingUpdateLayer extends MemoryPersistenceLayer {
      protected override async _updateRecord(): Promise<void> {
        throw storeError;
      }
    }
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore: new FailingUpdateLayer() });

    const error = await idempotentCharge(payment).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect((error as Error).cause).toBe(storeError);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('a store that cannot return the record from a refused claim reads it and replays', async () => {
    const persistenceStore = new ReadAfterRefusalLayer();
    const fetch = jest.spyOn(persistenceStore, 'fetch');
    const charge = jest.fn(async (_request: typeof payment) => ({ chargeId: 'ch-1' }));
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await idempotentCharge(payment);
    await expect(idempotentCharge(payment)).resolves.toEqual({ chargeId: 'ch-1' });
    expect(charge).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('a record that vanished between the refused claim and the read is claimed again, and the function runs', async () => {
    const persistenceStore = new VanishingRecordLayer();
    persistenceStore.succeedOnAttempt = 3;
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await expect(idempotentCharge(payment)).resolves.toBe('charged');
    expect(persistenceStore.putAttempts).toBe(3);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('a record that keeps vanishing gets IdempotencyInconsistentStateError after two retries, and the function does not run', async () => {
    const persistenceStore = new VanishingRecordLayer();
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await expect(idempotentCharge(payment)).rejects.toBeInstanceOf(IdempotencyInconsistentStateError);
    expect(persistenceStore.putAttempts).toBe(3);
    expect(charge).not.toHaveBeenCalled();
  });

  it('a refused claim whose record already lapsed when read is claimed again', async () => {
    let attempts = 0;
    class LapsedRecordLayer extends MemoryPersistenceLayer {
      protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
        attempts++;
        if (attempts > 1) return super._putRecord(record);
        const lapsed = new IdempotencyRecord({
          idempotencyKey: record.idempotencyKey,
          status: 'INPROGRESS',
          expiryTimestamp: Math.floor(Date.now() / 1000) + 3600,
          inProgressExpiryTimestamp: Date.now() - 1,
        });
        throw new IdempotencyItemAlreadyExistsError('exists', lapsed);
      }
    }
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore: new LapsedRecordLayer() });

    await expect(idempotentCharge(payment)).resolves.toBe('charged');
    expect(attempts).toBe(2);
  });

  it('a stored record with an unknown status reaches the caller as IdempotencyInvalidStatusError, and the function does not run', async () => {
    class ForeignRecordLayer extends ReadAfterRefusalLayer {
      protected override async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
        return new IdempotencyRecord({ idempotencyKey, status: 'DONE' as 'COMPLETED' });
      }
    }
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore: new ForeignRecordLayer() });
    await idempotentCharge(payment);

    await expect(idempotentCharge(payment)).rejects.toBeInstanceOf(IdempotencyInvalidStatusError);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it("a store's own idempotency error (a corrupted record) reaches the caller as itself, not wrapped", async () => {
    const corrupted = new IdempotencyPersistenceConsistencyError('the data attribute is not JSON');
    class CorruptedRecordLayer extends ReadAfterRefusalLayer {
      protected override async _getRecord(): Promise<IdempotencyRecord> {
        throw corrupted;
      }
    }
    const charge = jest.fn(async (_request: typeof payment) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore: new CorruptedRecordLayer() });
    await idempotentCharge(payment);

    await expect(idempotentCharge(payment)).rejects.toBe(corrupted);
    expect(charge).toHaveBeenCalledTimes(1);
  });
});
