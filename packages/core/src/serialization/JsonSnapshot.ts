import type { JSONValue } from '../types/json.js';

/**
 * A JSON value kept apart from its caller's objects: taken as JSON text, read back as fresh
 * objects on every read. The first read parses the text and keeps the result; later reads copy
 * that, which costs a fraction of parsing again. Every read equals `JSON.parse(text)`.
 */
export class JsonSnapshot {
  private parsed: JSONValue | undefined;
  private isParsed = false;

  private constructor(public readonly text: string) {}

  /** The snapshot of a value; undefined when JSON has no text for it (undefined, a function). */
  public static of(value: JSONValue | undefined): JsonSnapshot | undefined {
    const text = value === undefined ? undefined : JSON.stringify(value);
    return text === undefined ? undefined : new JsonSnapshot(text);
  }

  /** A fresh copy of the value, sharing no object with earlier reads. */
  public read(): JSONValue {
    if (!this.isParsed) {
      this.parsed = JSON.parse(this.text) as JSONValue;
      this.isParsed = true;
    }
    return copyJson(this.parsed as JSONValue);
  }
}

/** A deep copy of a value parsed from JSON: objects and arrays copied, primitives shared. */
function copyJson(value: JSONValue): JSONValue {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy: JSONValue[] = [];
    for (let i = 0; i < value.length; i++) copy.push(copyJson(value[i] as JSONValue));
    return copy;
  }
  const copy: { [key: string]: JSONValue } = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const member = copyJson(value[key] as JSONValue);
    // JSON.parse makes "__proto__" an own member; assigning it would set the prototype instead.
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: member, writable: true, enumerable: true, configurable: true });
    else copy[key] = member;
  }
  return copy;
}
