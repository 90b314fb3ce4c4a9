import { canonicalJson } from '@idem/core';
import type { JSONValue } from '@idem/core/types';
import fc from 'fast-check';

/** Equality of JSON values as JSON sees them: member order does not matter, -0 equals 0. */
function jsonEqual(a: JSONValue, b: JSONValue): boolean {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => jsonEqual(item, b[index]!));
  }
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key]!, b[key]!));
}

/** Sets a member as JSON.parse does, so a `__proto__` key is a member and not the prototype. */
function defineMember(target: Record<string, JSONValue>, key: string, value: JSONValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A deterministic pseudo-random generator, so a shuffle is reproducible from the seed fast-check reports. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same value with the members of every object inserted in a shuffled order. */
function shuffleKeys(value: JSONValue, random: () => number): JSONValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const shuffled: Record<string, JSONValue> = {};
  for (const key of keys) defineMember(shuffled, key, shuffleKeys(value[key]!, random));
  return shuffled;
}

/** JSON values over a tiny domain, so that equal and nearly equal pairs come up often. */
const smallJson: fc.Arbitrary<JSONValue> = fc.letrec<{ value: JSONValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<JSONValue>(null, true, false, 0, 1, -0, 1.5, '', 'a', 'A', '1', '\u{1F600}'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'A', 'b', '\uFF5E', '\u{1F600}', '', '__proto__'), tie('value'), { maxKeys: 3 })
  ),
})).value;

const anyJson = fc.jsonValue() as fc.Arbitrary<JSONValue>;

describe('canonicalJson properties', () => {
  it('the text does not depend on the order of object members, at any depth', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, smallJson), fc.integer(), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, mulberry32(seed)))).toBe(canonicalJson(value));
      }),
      { numRuns: 500 }
    );
  });

  it('two values give the same text exactly when they are equal JSON values', () => {
    fc.assert(
      fc.property(smallJson, smallJson, (a, b) => {
        expect(canonicalJson(a) === canonicalJson(b)).toBe(jsonEqual(a, b));
      }),
      { numRuns: 2000 }
    );
    fc.assert(
      fc.property(anyJson, anyJson, (a, b) => {
        expect(canonicalJson(a) === canonicalJson(b)).toBe(jsonEqual(a, b));
      }),
      { numRuns: 500 }
    );
  });

  it('the text parses back to an equal value', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, smallJson), (value) => {
        expect(jsonEqual(JSON.parse(canonicalJson(value)) as JSONValue, value)).toBe(true);
      }),
      { numRuns: 500 }
    );
  });

  it('the text is what JSON.stringify writes once the members are sorted by code point', () => {
    fc.assert(
      fc.property(fc.oneof(anyJson, smallJson), (value) => {
        const sortDeep = (v: JSONValue): JSONValue => {
          if (v === null || typeof v !== 'object') return v;
          if (Array.isArray(v)) return v.map(sortDeep);
          const sorted: Record<string, JSONValue> = {};
          const byCodePoint = (x: string, y: string) => {
            const a = [...x].map((c) => c.codePointAt(0)!);
            const b = [...y].map((c) => c.codePointAt(0)!);
            for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
            return a.length - b.length;
          };
          for (const key of Object.keys(v).sort(byCodePoint)) defineMember(sorted, key, sortDeep(v[key]!));
          return sorted;
        };
        // Integer-like keys are listed first by JavaScript whatever the insertion order, so compare
        // only values without them.
        const hasIndexKey = JSON.stringify(value).match(/"(0|[1-9]\d*)":/) !== null;
        fc.pre(!hasIndexKey);
        expect(canonicalJson(value)).toBe(JSON.stringify(sortDeep(value)));
      }),
      { numRuns: 500 }
    );
  });
});
