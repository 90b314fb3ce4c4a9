import fc from 'fast-check';
import { JsonSnapshot } from '../src/serialization/JsonSnapshot.js';
import type { JSONValue } from '../src/types/json.js';

/** Own keys in order, descriptors and prototypes, all the way down: what JSON.parse would give. */
function expectSameShape(actual: unknown, expected: unknown): void {
  if (typeof expected !== 'object' || expected === null) {
    expect(Object.is(actual, expected)).toBe(true);
    return;
  }
  expect(typeof actual).toBe('object');
  expect(Array.isArray(actual)).toBe(Array.isArray(expected));
  expect(Object.getPrototypeOf(actual)).toBe(Object.getPrototypeOf(expected));
  expect(Reflect.ownKeys(actual as object)).toEqual(Reflect.ownKeys(expected));
  for (const key of Reflect.ownKeys(expected)) {
    const { value: _actualValue, ...actualFlags } = Object.getOwnPropertyDescriptor(actual, key) as PropertyDescriptor;
    const { value: _expectedValue, ...expectedFlags } = Object.getOwnPropertyDescriptor(expected, key) as PropertyDescriptor;
    expect(actualFlags).toEqual(expectedFlags);
    expectSameShape((actual as Record<PropertyKey, unknown>)[key], (expected as Record<PropertyKey, unknown>)[key]);
  }
}

function sharedObject(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null) return false;
  if (a === b) return true;
  return Object.keys(a).some((key) => sharedObject((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

const memberName = fc.oneof(fc.string(), fc.constantFrom('__proto__', '0', '1', '10', '01', '-1', 'constructor'));
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value')),
    fc.dictionary(memberName, tie('value'))
  ),
})).value as fc.Arbitrary<JSONValue>;

describe('JsonSnapshot', () => {
  it('reads back exactly what JSON.parse of the text gives, every time, sharing no object between reads', () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const snapshot = JsonSnapshot.of(value) as JsonSnapshot;
        const first = snapshot.read();
        const second = snapshot.read();
        expectSameShape(first, JSON.parse(JSON.stringify(value)));
        expectSameShape(second, JSON.parse(JSON.stringify(value)));
        expect(sharedObject(first, second)).toBe(false);
      }),
      { numRuns: 500 }
    );
  });

  it('keeps a "__proto__" member from the wire as an own member, not as the prototype', () => {
    const read = JsonSnapshot.of(JSON.parse('{"__proto__":{"polluted":true}}'))?.read() as Record<string, unknown>;
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(read, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('a change to a read or to the original value does not reach later reads', () => {
    const original = { order: { items: [1, 2] } };
    const snapshot = JsonSnapshot.of(original) as JsonSnapshot;
    (snapshot.read() as { order: { items: number[] } }).order.items.push(3);
    original.order.items.push(4);
    expect(snapshot.read()).toEqual({ order: { items: [1, 2] } });
  });

  it('has no snapshot for undefined', () => {
    expect(JsonSnapshot.of(undefined)).toBeUndefined();
  });
});
