import { canonicalJson, IdempotencyConfig, IdempotencyKeyError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';

describe('payloads holding a Map or a Set', () => {
  it('are refused with IdempotencyKeyError instead of sharing the key of their other members', async () => {
    let runs = 0;
    const charge = makeIdempotent(async (_order: unknown) => ++runs, {
      persistenceStore: new MemoryPersistenceLayer(),
      keyPrefix: 'charge',
    });

    await expect(charge({ id: 1, lines: new Map([['sku-1', 2]]) })).rejects.toBeInstanceOf(IdempotencyKeyError);
    await expect(charge({ id: 1, lines: new Map([['sku-2', 5]]) })).rejects.toBeInstanceOf(IdempotencyKeyError);
    await expect(charge({ id: 1, tags: new Set(['a']) })).rejects.toBeInstanceOf(IdempotencyKeyError);
    expect(runs).toBe(0);
  });

  it('name where the collection was found', () => {
    expect(() => canonicalJson({ order: { lines: new Map() } })).toThrow('A Map at $.order.lines cannot be serialized as JSON');
    expect(() => canonicalJson([new Set()])).toThrow('A Set at $[0]');
  });

  it('still serialize through toJSON when the collection has one', () => {
    const tagged = Object.assign(new Map([['a', 1]]), { toJSON: () => ({ a: 1 }) });
    expect(canonicalJson({ tagged })).toBe('{"tagged":{"a":1}}');
    expect(new IdempotencyConfig({}).hashFunction).toBe('md5');
  });
});
