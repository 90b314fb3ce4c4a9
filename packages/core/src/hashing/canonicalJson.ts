/**
 * Serializes a value as JSON with object keys ordered by Unicode code point at every depth, so
 * equal values give equal text whatever their key order. Follows JSON.stringify otherwise:
 * `toJSON` is honoured, `undefined`, functions and symbols are dropped from objects and become
 * `null` in arrays, non-finite numbers become `null`. BigInt, cycles and Maps and Sets (which
 * JSON.stringify turns into `{}`, so any two would share one key) throw a TypeError that names
 * where they were found, since JSON cannot carry them.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, '', '$', undefined) ?? 'null';
}

/**
 * `key` is the member name or array index, which toJSON receives as JSON.stringify passes it.
 * `ancestors` are the containers being walked, made at the first one: many selections are a string.
 */
function serialize(value: unknown, key: string, path: string, ancestors: Set<object> | undefined): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  // Boxed primitives are written as their primitive, as JSON.stringify does; as objects they have
  // no own keys, so new Number(1) and new Number(2) would share a key.
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError(`A BigInt at ${path} cannot be serialized as JSON`);
    case 'object':
      if (value === null) return 'null';
      return serializeObject(value, path, ancestors);
    default:
      return undefined; // undefined, function, symbol
  }
}

function serializeObject(value: object, path: string, ancestors: Set<object> = new Set()): string {
  if (ancestors.has(value)) {
    throw new TypeError(`A circular reference at ${path} cannot be serialized as JSON`);
  }
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    throw new TypeError(`A ${value.constructor.name} at ${path} cannot be serialized as JSON: its entries would be lost`);
  }
  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    // Array.from visits the holes of a sparse array too (map skips them), so they become null as in JSON.
    text = `[${Array.from(value, (item, index) => serialize(item, String(index), `${path}[${index}]`, ancestors) ?? 'null').join(',')}]`;
  } else {
    const members: string[] = [];
    for (const key of sortedKeys(value)) {
      const member = serialize((value as Record<string, unknown>)[key], key, `${path}.${key}`, ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    text = `{${members.join(',')}}`;
  }
  ancestors.delete(value);
  return text;
}

const surrogate = /[\uD800-\uDFFF]/;

/** Keys in code point order; the default sort already gives it unless a key has a surrogate. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  return keys.some((key) => surrogate.test(key)) ? keys.sort(compareCodePoints) : keys;
}

/**
 * Orders strings by code point. The default sort compares UTF-16 code units, which puts
 * characters above U+FFFF before U+E000..U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++; // both are the same astral character: skip its low surrogate
  }
  return a.length - b.length;
}
