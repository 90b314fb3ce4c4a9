import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { keyOf } from './helpers/store.js';

interface Order {
  orderId: string;
  items: string[];
  status?: string;
}

describe('a function that mutates its input', () => {
  it('the record it completes is the one it claimed, under the key of the input as it arrived', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const fulfil = jest.fn(async (order: Order) => {
      order.orderId = 'rewritten';
      order.items.push('gift wrap');
      order.status = 'fulfilled';
      return 'fulfilled';
    });
    const idempotentFulfil = makeIdempotent(fulfil, { persistenceStore, keyPrefix: 'fulfil' });

    await idempotentFulfil({ orderId: 'o-1', items: ['book'] });

    expect(persistenceStore.size).toBe(1);
    const record = await persistenceStore.fetch(keyOf('fulfil', { orderId: 'o-1', items: ['book'] }));
    expect(record.getStatus()).toBe('COMPLETED');
  });

  it('a repeat of the original input replays instead of running again', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const fulfil = jest.fn(async (order: Order) => {
      order.items.push('gift wrap');
      return order.items.length;
    });
    const idempotentFulfil = makeIdempotent(fulfil, { persistenceStore });

    await expect(idempotentFulfil({ orderId: 'o-1', items: ['book'] })).resolves.toBe(2);
    await expect(idempotentFulfil({ orderId: 'o-1', items: ['book'] })).resolves.toBe(2);
    expect(fulfil).toHaveBeenCalledTimes(1);
  });

  it('the validation hash is taken from the input as it arrived', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'items' });
    const fulfil = jest.fn(async (order: Order) => {
      order.items.length = 0;
      return 'fulfilled';
    });
    const idempotentFulfil = makeIdempotent(fulfil, { persistenceStore, config });

    await idempotentFulfil({ orderId: 'o-1', items: ['book'] });
    await expect(idempotentFulfil({ orderId: 'o-1', items: ['book'] })).resolves.toBe('fulfilled');
    expect(fulfil).toHaveBeenCalledTimes(1);
  });

  it('a function that mutates its input and then throws releases the claim of the original key', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    let attempt = 0;
    const fulfil = jest.fn(async (order: Order) => {
      order.orderId = `mutated-${++attempt}`;
      if (attempt === 1) throw new Error('warehouse offline');
      return 'fulfilled';
    });
    const idempotentFulfil = makeIdempotent(fulfil, { persistenceStore });

    await expect(idempotentFulfil({ orderId: 'o-1', items: [] })).rejects.toThrow('warehouse offline');
    expect(persistenceStore.size).toBe(0);
    await expect(idempotentFulfil({ orderId: 'o-1', items: [] })).resolves.toBe('fulfilled');
  });
});
