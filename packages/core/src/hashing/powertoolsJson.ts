/**
 * The text Powertools for AWS Lambda 2.x hashes for a selection, to the byte:
 * `JSON.stringify(deepSort(value))`, where its `deepSort` rebuilds every plain object (anything
 * `Object.prototype.toString` calls `[object Object]`, class instances included) with its keys
 * sorted by `a.toLowerCase() < b.toLowerCase() ? -1 : 1`, and maps arrays element by element.
 * The comparator, the rebuilding by assignment (so integer-like keys move first, as JavaScript
 * orders them) and the array mapping (holes stay holes) are Powertools' own, kept as they are so
 * that both libraries derive the same key from the same payload.
 *
 * Where Powertools would fail or hash a value JSON cannot carry, a TypeError names where it is
 * instead: a BigInt or a cycle (Powertools fails too), a Map or a Set (Powertools hashes `{}`, so
 * any two would share a key).
 */
export function powertoolsJson(value: unknown): string {
  // JSON.stringify gives undefined for undefined; Powertools cannot hash that, idem hashes null.
  return JSON.stringify(deepSort(value, '$', new Set())) ?? 'null';
}

function deepSort(value: unknown, path: string, ancestors: Set<object>): unknown {
  if (typeof value === 'bigint') throw new TypeError(`A BigInt at ${path} cannot be serialized as JSON`);
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    throw new TypeError(`A ${value.constructor.name} at ${path} cannot be serialized as JSON: its entries would be lost`);
  }
  const isArray = Array.isArray(value);
  if (!isArray && Object.prototype.toString.call(value) !== '[object Object]') return value;
  const container = value as object;
  if (ancestors.has(container)) throw new TypeError(`A circular reference at ${path} cannot be serialized as JSON`);
  ancestors.add(container);
  const sorted = isArray
    ? (value as unknown[]).map((item, index) => deepSort(item, `${path}[${index}]`, ancestors))
    : sortObject(value as Record<string, unknown>, path, ancestors);
  ancestors.delete(container);
  return sorted;
}

function sortObject(object: Record<string, unknown>, path: string, ancestors: Set<object>): Record<string, unknown> {
  return Object.keys(object)
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))
    .reduce<Record<string, unknown>>((sorted, key) => {
      sorted[key] = deepSort(object[key], `${path}.${key}`, ancestors);
      return sorted;
    }, {});
}
