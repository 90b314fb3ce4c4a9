import { IdempotencyItemNotFoundError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { keyOf } from './helpers/store.js';

const payment = { orderId: 'o-1', amount: 42 };

class CardDeclinedError extends Error {
  constructor(public readonly code: string) {
    super('card declined');
  }
}

describe('a function that throws', () => {
  it('the caller gets the original error object, unchanged', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const declined = new CardDeclinedError('insufficient_funds');
    const idempotentCharge = makeIdempotent(
      async (_request: typeof payment) => {
        throw declined;
      },
      { persistenceStore }
    );

    const error = await idempotentCharge(payment).catch((caught: unknown) => caught);

    expect(error).toBe(declined);
    expect(error).toBeInstanceOf(CardDeclinedError);
    expect((error as CardDeclinedError).code).toBe('insufficient_funds');
    expect((error as Error).cause).toBeUndefined();
  });

  it('a thrown non-Error value reaches the caller as it was thrown', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const thrown = { reason: 'not an Error' };
    const idempotentCharge = makeIdempotent(
      async (_request: typeof payment) => {
        throw thrown;
      },
      { persistenceStore }
    );

    await expect(idempotentCharge(payment)).rejects.toBe(thrown);
  });

  it('the claim is released, so no record remains and the next call runs the function again', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    let attempt = 0;
    const charge = jest.fn(async (_request: typeof payment) => {
      attempt++;
      if (attempt === 1) throw new Error('gateway timeout');
      return 'charged on retry';
    });
    const idempotentCharge = makeIdempotent(charge, { persistenceStore, keyPrefix: 'charge' });

    await expect(idempotentCharge(payment)).rejects.toThrow('gateway timeout');
    await expect(persistenceStore.fetch(keyOf('charge', payment))).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);

    await expect(idempotentCharge(payment)).resolves.toBe('charged on retry');
    expect(charge).toHaveBeenCalledTimes(2);
  });

  it('a synchronous throw is treated like a rejection: released and rethrown as is', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const failure = new RangeError('amount out of range');
    const idempotentCharge = makeIdempotent(
      (_request: typeof payment): string => {
        throw failure;
      },
      { persistenceStore }
    );

    await expect(idempotentCharge(payment)).rejects.toBe(failure);
    expect(persistenceStore.size).toBe(0);
  });

  it('when releasing the claim fails too, the caller still gets the original error and a warning names the key', async () => {
    class FailingDeleteLayer extends MemoryPersistenceLayer {
      protected override async _deleteRecord(): Promise<void> {
        throw new Error('connection reset');
      }
    }
    const persistenceStore = new FailingDeleteLayer();
    const failure = new Error('card declined');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const idempotentCharge = makeIdempotent(
        async (_request: typeof payment) => {
          throw failure;
        },
        { persistenceStore, keyPrefix: 'charge' }
      );

      await expect(idempotentCharge(payment)).rejects.toBe(failure);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain(keyOf('charge', payment));
    } finally {
      warn.mockRestore();
    }
  });
});
