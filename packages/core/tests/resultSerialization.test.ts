import { IdempotencyConfig, IdempotencyPersistenceLayerError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { JSONValue, ResponseSerializer } from '@idem/core/types';

class Money {
  constructor(
    public readonly amount: number,
    public readonly currency: string
  ) {}
}

describe('result serialization', () => {
  it.each([
    ['a Date', { chargedAt: new Date('2026-01-01T00:00:00Z') }, '$.chargedAt', 'Date'],
    ['a Map', { lines: new Map([['a', 1]]) }, '$.lines', 'Map'],
    ['a class instance', { total: new Money(42, 'EUR') }, '$.total', 'Money'],
    ['NaN', { ratio: Number.NaN }, '$.ratio', 'NaN'],
    ['a BigInt', { cents: 4200n }, '$.cents', 'bigint'],
    ['Infinity in an array', { values: [1, Number.POSITIVE_INFINITY] }, '$.values[1]', 'Infinity'],
    ['undefined in an array', { values: [1, undefined] }, '$.values[1]', 'undefined'],
    ['a function', { callback: () => undefined }, '$.callback', 'function'],
  ])(
    'by default a result holding %s is refused at save time with IdempotencyPersistenceLayerError naming the path',
    async (_label, result, path, kind) => {
      const persistenceStore = new MemoryPersistenceLayer();
      const idempotentFn = makeIdempotent(async (_order: { orderId: string }) => result, { persistenceStore });

      const error = await idempotentFn({ orderId: 'o-1' }).catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toContain(kind);
      expect((error as Error).message).toContain('responseSerializer');
      // Nothing half-stored is left: the key is free again.
      expect(persistenceStore.size).toBe(0);
    }
  );

  it('a sparse array in a result is refused at save time, since its holes would replay as null', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const sparse = new Array<number>(3);
    sparse[2] = 1;
    const idempotentFn = makeIdempotent(async (_order: { orderId: string }) => ({ slots: sparse }), { persistenceStore });

    const error = await idempotentFn({ orderId: 'o-1' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect((error as Error).message).toContain('$.slots[0]');
  });

  it('a result with a cycle is refused at save time', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    const idempotentFn = makeIdempotent(async (_order: { orderId: string }) => cyclic, { persistenceStore });

    await expect(idempotentFn({ orderId: 'o-1' })).rejects.toThrow(IdempotencyPersistenceLayerError);
    await expect(idempotentFn({ orderId: 'o-1' })).rejects.toThrow('$.self');
  });

  it('a plain JSON result with an undefined member is accepted and replays without it', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentFn = makeIdempotent(
      async (_order: { orderId: string }) => ({ id: 1, note: undefined as string | undefined, nested: { ok: true, n: null } }),
      { persistenceStore }
    );

    await idempotentFn({ orderId: 'o-1' });
    const replay = await idempotentFn({ orderId: 'o-1' });
    expect(replay).toEqual({ id: 1, nested: { ok: true, n: null } });
    expect(replay.note).toBeUndefined();
  });

  it('a responseSerializer lets a Date and a Map replay faithfully', async () => {
    interface Receipt {
      chargedAt: Date;
      lines: Map<string, number>;
    }
    const responseSerializer: ResponseSerializer<Receipt> = {
      serialize: (receipt) => ({ chargedAt: receipt.chargedAt.toISOString(), lines: [...receipt.lines] }),
      deserialize: (stored) => {
        const { chargedAt, lines } = stored as { chargedAt: string; lines: Array<[string, number]> };
        return { chargedAt: new Date(chargedAt), lines: new Map(lines) };
      },
    };
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(
      async (_order: { orderId: string }): Promise<Receipt> => ({
        chargedAt: new Date('2026-01-01T10:00:00.000Z'),
        lines: new Map([
          ['book', 1],
          ['pen', 3],
        ]),
      })
    );
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ responseSerializer: responseSerializer as ResponseSerializer }),
    });

    const first = await idempotentCharge({ orderId: 'o-1' });
    const replay = await idempotentCharge({ orderId: 'o-1' });

    expect(charge).toHaveBeenCalledTimes(1);
    expect(replay.chargedAt).toBeInstanceOf(Date);
    expect(replay.chargedAt.getTime()).toBe(first.chargedAt.getTime());
    expect(replay.lines).toBeInstanceOf(Map);
    expect([...replay.lines]).toEqual([
      ['book', 1],
      ['pen', 3],
    ]);
  });

  it('a responseSerializer also applies to replays from the local cache', async () => {
    const responseSerializer: ResponseSerializer = {
      serialize: (result) => (result as Date).toISOString(),
      deserialize: (stored: JSONValue) => new Date(stored as string),
    };
    const persistenceStore = new MemoryPersistenceLayer();
    const idempotentNow = makeIdempotent(async (_order: { orderId: string }) => new Date('2026-01-01T00:00:00Z'), {
      persistenceStore,
      config: new IdempotencyConfig({ responseSerializer, useLocalCache: true }),
    });

    await idempotentNow({ orderId: 'o-1' });
    await idempotentNow({ orderId: 'o-1' });
    const fromCache = await idempotentNow({ orderId: 'o-1' });
    expect(fromCache).toBeInstanceOf(Date);
    expect(fromCache.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
