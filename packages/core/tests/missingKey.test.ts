import { IdempotencyConfig, IdempotencyKeyError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { roundTrips, spyOnStore } from './helpers/store.js';

interface OrderEvent {
  orderId?: string | null;
  customerId?: string | null;
  body?: string;
}

describe('a payload without an idempotency key', () => {
  it('runs the function every time without touching the store', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const charge = jest.fn(async (_event: OrderEvent) => 'charged');
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }),
    });

    await expect(idempotentCharge({ customerId: 'c-1' })).resolves.toBe('charged');
    await expect(idempotentCharge({ customerId: 'c-1' })).resolves.toBe('charged');

    expect(charge).toHaveBeenCalledTimes(2);
    expect(roundTrips(spies)).toBe(0);
    expect(persistenceStore.size).toBe(0);
  });

  it.each([
    ['null', { orderId: null }],
    ['an empty string', { orderId: '' }],
  ])('a key that selects %s counts as no key', async (_label, event) => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_event: OrderEvent) => 'charged');
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }),
    });

    await idempotentCharge(event);
    await idempotentCharge(event);
    expect(charge).toHaveBeenCalledTimes(2);
    expect(persistenceStore.size).toBe(0);
  });

  it('a multi-value key whose values are all missing ([null, null]) is never hashed into a shared constant key', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (event: OrderEvent) => `charged ${event.body}`);
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: '[orderId, customerId]' }),
    });

    // Two unrelated requests without the key members: neither may replay the other's result.
    await expect(idempotentCharge({ body: 'first' })).resolves.toBe('charged first');
    await expect(idempotentCharge({ body: 'second' })).resolves.toBe('charged second');
    expect(persistenceStore.size).toBe(0);
  });

  it('an object key whose members are all missing counts as no key', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (event: OrderEvent) => event.body);
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: '{order: orderId, customer: customerId}' }),
    });

    await expect(idempotentCharge({ body: 'first' })).resolves.toBe('first');
    await expect(idempotentCharge({ body: 'second' })).resolves.toBe('second');
    expect(persistenceStore.size).toBe(0);
  });

  it('a multi-value key with one value present is a key', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (event: OrderEvent) => event.body);
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: '[orderId, customerId]' }),
    });

    await idempotentCharge({ customerId: 'c-1', body: 'first' });
    await expect(idempotentCharge({ customerId: 'c-1', body: 'second' })).resolves.toBe('first');
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('with throwOnNoIdempotencyKey the caller gets IdempotencyKeyError itself, not wrapped, and the function does not run', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const charge = jest.fn(async (_event: OrderEvent) => 'charged');
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: '[orderId, customerId]', throwOnNoIdempotencyKey: true }),
    });

    const error = await idempotentCharge({ body: 'no key' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyKeyError);
    expect((error as Error).constructor).toBe(IdempotencyKeyError);
    expect((error as Error).name).toBe('IdempotencyKeyError');
    expect((error as Error).message).toContain('[orderId, customerId]');
    expect(charge).not.toHaveBeenCalled();
    expect(roundTrips(spies)).toBe(0);
  });

  it('without eventKeyJmesPath an empty payload is no key', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_event: OrderEvent) => 'charged');
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ throwOnNoIdempotencyKey: true }),
    });

    await expect(idempotentCharge({})).rejects.toBeInstanceOf(IdempotencyKeyError);
    expect(charge).not.toHaveBeenCalled();
  });

  it('a payload the key expression cannot read (a body that is not JSON) gets IdempotencyKeyError and the function does not run', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_event: OrderEvent) => 'charged');
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'powertools_json(body).orderId' }),
    });

    const error = await idempotentCharge({ body: 'orderId=o-1' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyKeyError);
    expect((error as Error).message).toContain('powertools_json(body).orderId');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
    expect(charge).not.toHaveBeenCalled();
  });

  it('a payload the validation expression cannot read gets IdempotencyKeyError and the function does not run', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_event: OrderEvent) => 'charged');
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'powertools_json(body)' }),
    });

    const error = await idempotentCharge({ orderId: 'o-1', body: '{not json' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyKeyError);
    expect((error as Error).message).toContain('payloadValidationJmesPath');
    expect(charge).not.toHaveBeenCalled();
    expect(persistenceStore.size).toBe(0);
  });

  describe('payloads that are not plain JSON objects', () => {
    class OrderDto {
      constructor(
        public orderId?: string,
        public customerId?: string
      ) {}
    }

    it('a class instance whose members are all missing counts as no key, not as the constant key {}', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = jest.fn(async (order: OrderDto & { note?: string }) => order.note);
      const idempotentCharge = makeIdempotent(charge, { persistenceStore });

      await expect(idempotentCharge(Object.assign(new OrderDto(), { note: undefined }))).resolves.toBeUndefined();
      await idempotentCharge(new OrderDto());
      expect(charge).toHaveBeenCalledTimes(2);
      expect(persistenceStore.size).toBe(0);
    });

    it('a class instance with a member is a key', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = jest.fn(async (order: OrderDto) => order.orderId);
      const idempotentCharge = makeIdempotent(charge, { persistenceStore });

      await idempotentCharge(new OrderDto('o-1'));
      await idempotentCharge(new OrderDto('o-1'));
      await idempotentCharge(new OrderDto('o-2'));
      expect(charge).toHaveBeenCalledTimes(2);
    });

    it('a Map, whose JSON is {} whatever it holds, counts as no key', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = jest.fn(async (lines: Map<string, number>) => lines.size);
      const idempotentCharge = makeIdempotent(charge, {
        persistenceStore,
        config: new IdempotencyConfig({ throwOnNoIdempotencyKey: true }),
      });

      await expect(idempotentCharge(new Map([['book', 1]]))).rejects.toBeInstanceOf(IdempotencyKeyError);
      expect(charge).not.toHaveBeenCalled();
    });

    it('members JSON drops (functions) do not make a key', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = jest.fn(async (_request: { onDone: () => void }) => 'charged');
      const idempotentCharge = makeIdempotent(charge, { persistenceStore });

      await idempotentCharge({ onDone: () => undefined });
      await idempotentCharge({ onDone: () => undefined });
      expect(charge).toHaveBeenCalledTimes(2);
      expect(persistenceStore.size).toBe(0);
    });

    it('a Date or a boxed number is a key: JSON writes them as values', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = jest.fn(async (_at: unknown) => 'charged');
      const idempotentCharge = makeIdempotent(charge, { persistenceStore });

      await idempotentCharge(new Date('2026-01-01T00:00:00Z'));
      await idempotentCharge(new Date('2026-01-01T00:00:00Z'));
      await idempotentCharge(new Number(7));
      await idempotentCharge(new Number(7));
      expect(charge).toHaveBeenCalledTimes(2);
    });
  });
});
