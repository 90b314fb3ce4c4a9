/**
 * Serializes a value as JSON with object keys ordered by Unicode code point at every depth, so
 * equal values give equal text whatever their key order. Follows JSON.stringify otherwise:
 * `toJSON` is honoured, `undefined`, functions and symbols are dropped from objects and become
 * `null` in arrays, non-finite numbers become `null`. BigInt, cycles and Maps and Sets (which
 * JSON.stringify turns into `{}`, so any two would share one key) throw a TypeError that names
 * where they were found, since JSON cannot carry them.
 */
export function canonicalJson(value: unknown): string {
  return serialize(value, undefined, undefined) ?? 'null';
}

/** Where a value sits in its container: a member name, or an array index. */
type Segment = string | number;

/**
 * The containers being walked, made at the first one (many selections are a string): the
 * ancestors of the value at hand, for cycles, and the segments that lead to it, so that a path is
 * written only for an error message instead of for every member.
 */
interface Walk {
  readonly ancestors: Set<object>;
  /** The segment of each container being walked; undefined for the root. */
  readonly segments: Array<Segment | undefined>;
}

/** `segment` is undefined for the root; toJSON receives it as JSON.stringify passes it ('' at the root). */
function serialize(value: unknown, segment: Segment | undefined, walk: Walk | undefined): string | undefined {
  if (typeof value === 'object' && value !== null) {
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      value = (value as { toJSON: (key: string) => unknown }).toJSON(segment === undefined ? '' : String(segment));
    }
    // Boxed primitives are written as their primitive, as JSON.stringify does; as objects they have
    // no own keys, so new Number(1) and new Number(2) would share a key.
    if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  }
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError(`A BigInt at ${pathOf(walk, segment)} cannot be serialized as JSON`);
    case 'object':
      if (value === null) return 'null';
      return serializeObject(value, segment, walk ?? { ancestors: new Set(), segments: [] });
    default:
      return undefined; // undefined, function, symbol
  }
}

function serializeObject(value: object, segment: Segment | undefined, walk: Walk): string {
  if (walk.ancestors.has(value)) {
    throw new TypeError(`A circular reference at ${pathOf(walk, segment)} cannot be serialized as JSON`);
  }
  if (value instanceof Map || value instanceof Set || value instanceof WeakMap || value instanceof WeakSet) {
    throw new TypeError(
      `A ${value.constructor.name} at ${pathOf(walk, segment)} cannot be serialized as JSON: its entries would be lost`
    );
  }
  walk.ancestors.add(value);
  walk.segments.push(segment);
  let text: string;
  if (Array.isArray(value)) {
    // An index loop visits the holes of a sparse array too (map skips them), so they become null as in JSON.
    text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      text += serialize(value[index], index, walk) ?? 'null';
    }
    text += ']';
  } else {
    text = '{';
    for (const key of sortedKeys(value)) {
      const member = serialize((value as Record<string, unknown>)[key], key, walk);
      if (member === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${member}`;
    }
    text += '}';
  }
  walk.segments.pop();
  walk.ancestors.delete(value);
  return text;
}

/** The path of the value at `segment` in the container being walked: `$`, `$.a[0].b`. */
function pathOf(walk: Walk | undefined, segment: Segment | undefined): string {
  let path = '$';
  for (const step of [...(walk?.segments ?? []), segment]) {
    if (step !== undefined) path += typeof step === 'number' ? `[${step}]` : `.${step}`;
  }
  return path;
}

const surrogate = /[\uD800-\uDFFF]/;

/** Keys in code point order; the default sort already gives it unless a key has a surrogate. */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value).sort();
  for (let i = 0; i < keys.length; i++) {
    if (surrogate.test(keys[i] as string)) return keys.sort(compareCodePoints);
  }
  return keys;
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
