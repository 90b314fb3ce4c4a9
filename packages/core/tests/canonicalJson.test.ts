import { canonicalJson, IdempotencyConfig, IdempotencyKeyError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';

describe('canonicalJson', () => {
  it('orders object keys at every depth', () => {
    expect(canonicalJson({ b: { z: 1, y: [{ d: 1, c: 2 }] }, a: 0 })).toBe('{"a":0,"b":{"y":[{"c":2,"d":1}],"z":1}}');
  });

  it('distinguishes keys by case and orders upper case first, by code point', () => {
    expect(canonicalJson({ A: 1, a: 2 })).toBe(canonicalJson({ a: 2, A: 1 }));
    expect(canonicalJson({ a: 2, A: 1 })).toBe('{"A":1,"a":2}');
    expect(canonicalJson({ A: 1, a: 2 })).not.toBe(canonicalJson({ A: 2, a: 1 }));
  });

  it('orders keys by code point, so astral characters come after the rest of the BMP', () => {
    // UTF-16 code unit order would put U+1F600 (surrogates D83D..) before U+FF5E.
    const text = canonicalJson({ '\u{1F600}': 1, '\uFF5E': 2, a: 3, '\u{10000}': 4 });
    expect(text).toBe('{"a":3,"\uFF5E":2,"\u{10000}":4,"\u{1F600}":1}');
    expect(canonicalJson({ '\uFF5E': 2, '\u{1F600}': 1 })).toBe(canonicalJson({ '\u{1F600}': 1, '\uFF5E': 2 }));
  });

  it('orders keys that share an astral prefix by what follows it', () => {
    expect(canonicalJson({ '\u{1F600}b': 1, '\u{1F600}a': 2, '\u{1F600}': 3 })).toBe(
      '{"\u{1F600}":3,"\u{1F600}a":2,"\u{1F600}b":1}'
    );
  });

  it('keeps a __proto__ member of parsed JSON as a member', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1}}'))).not.toBe(canonicalJson({}));
  });

  it('writes the holes of a sparse array as null, as JSON.stringify does', () => {
    const sparse = new Array<number>(3);
    sparse[1] = 7;
    expect(canonicalJson(sparse)).toBe('[null,7,null]');
    expect(canonicalJson({ values: sparse })).toBe(canonicalJson({ values: [null, 7, null] }));
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
    expect(canonicalJson([3, 1, 2])).not.toBe(canonicalJson([1, 2, 3]));
  });

  it('honours toJSON, as JSON.stringify does', () => {
    const date = new Date('2026-01-01T00:00:00.000Z');
    expect(canonicalJson({ at: date })).toBe('{"at":"2026-01-01T00:00:00.000Z"}');
    expect(canonicalJson({ money: { toJSON: () => ({ currency: 'EUR', amount: 1 }) } })).toBe(
      '{"money":{"amount":1,"currency":"EUR"}}'
    );
  });

  it('passes the member name to toJSON, as JSON.stringify does', () => {
    const named = { toJSON: (key: string) => `key:${key}` };
    expect(canonicalJson({ first: named, list: [named] })).toBe(JSON.stringify({ first: named, list: [named] }));
  });

  it('passes a member name holding dots or brackets to toJSON whole', () => {
    const named = { toJSON: (key: string) => `key:${key}` };
    const value = { 'a.b': named, 'c[0]': named };
    expect(canonicalJson(value)).toBe(JSON.stringify(value));
  });

  it('writes boxed primitives as the primitive, as JSON.stringify does', () => {
    const boxed = { s: new String('o-1'), n: new Number(42), b: new Boolean(false) };
    expect(canonicalJson(boxed)).toBe('{"b":false,"n":42,"s":"o-1"}');
    expect(canonicalJson(boxed)).toBe(canonicalJson({ s: 'o-1', n: 42, b: false }));
  });

  it('drops undefined, function and symbol members, and writes them as null in arrays', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: () => 1, d: Symbol('s') })).toBe('{"a":1}');
    expect(canonicalJson([undefined, () => 1])).toBe('[null,null]');
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
  });

  it('writes non-finite numbers as null and strings with JSON escapes', () => {
    expect(canonicalJson([Number.NaN, Number.POSITIVE_INFINITY, -0])).toBe('[null,null,0]');
    expect(canonicalJson('line\n"quoted"\u2028')).toBe(JSON.stringify('line\n"quoted"\u2028'));
  });

  it('writes top-level primitives as JSON does', () => {
    expect(canonicalJson('o-1')).toBe('"o-1"');
    expect(canonicalJson(42)).toBe('42');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(null)).toBe('null');
  });

  it('rejects a BigInt with an error naming where it is', () => {
    expect(() => canonicalJson({ order: { cents: 10n } })).toThrow(TypeError);
    expect(() => canonicalJson({ order: { cents: 10n } })).toThrow('$.order.cents');
  });

  it.each([
    [10n, 'A BigInt at $ cannot'],
    [[[1, 2n]], 'A BigInt at $[0][1] cannot'],
    [{ lines: [{ sku: 'a' }, { cents: 3n }] }, 'A BigInt at $.lines[1].cents cannot'],
    [{ a: [1], b: { c: [0, { d: 1n }] } }, 'A BigInt at $.b.c[1].d cannot'],
  ])('names the path of %p from the root, through arrays and members, as %j', (value, message) => {
    expect(() => canonicalJson(value)).toThrow(message);
  });

  it('rejects a cycle with an error naming where it is', () => {
    const order: Record<string, unknown> = { id: 'o-1' };
    order.items = [{ order }];
    expect(() => canonicalJson(order)).toThrow(TypeError);
    expect(() => canonicalJson(order)).toThrow('$.items[0].order');
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { sku: 'a' };
    expect(canonicalJson({ first: shared, second: shared })).toBe('{"first":{"sku":"a"},"second":{"sku":"a"}}');
  });
});

describe('a key that JSON cannot carry, through makeIdempotent', () => {
  it.each([
    ['a BigInt', { orderId: 'o-1', cents: 4200n }],
    [
      'a cycle',
      (() => {
        const event: Record<string, unknown> = { orderId: 'o-1' };
        event.self = event;
        return event;
      })(),
    ],
    [
      'a cycle and nothing else',
      (() => {
        const event: Record<string, unknown> = {};
        event.self = event;
        return event;
      })(),
    ],
  ])('a payload holding %s gets IdempotencyKeyError and the function does not run', async (_label, event) => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_event: object) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    const error = await idempotentCharge(event).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(IdempotencyKeyError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect(charge).not.toHaveBeenCalled();
    expect(persistenceStore.size).toBe(0);
  });

  it('a BigInt in the validation selection gets IdempotencyKeyError', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_event: object) => 'charged');
    const idempotentCharge = makeIdempotent(charge, {
      persistenceStore,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'cents' }),
    });

    await expect(idempotentCharge({ orderId: 'o-1', cents: 1n })).rejects.toBeInstanceOf(IdempotencyKeyError);
    expect(charge).not.toHaveBeenCalled();
  });
});
