import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { JSONValue } from '@idem/core/types';

/**
 * A JSON value in DynamoDB's own types, as `marshall()` of `@aws-sdk/util-dynamodb` (which
 * Powertools uses) writes it: an object is a map (M), an array a list (L), then S, N, BOOL and
 * NULL. A member whose value is undefined is left out, as JSON leaves it out. A value DynamoDB or
 * `unmarshall()` could not carry back throws a TypeError naming where it is: a number beyond the
 * safe integers (marshall refuses it, and unmarshall would read a BigInt), anything but JSON.
 */
export function toNativeAttribute(value: unknown, path = '$'): AttributeValue {
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
        throw new TypeError(`${path} is ${value}, which DynamoDB numbers do not carry back exactly`);
      }
      return { N: String(value) };
    case 'object': {
      if (value === null) return { NULL: true };
      if (Array.isArray(value)) return { L: value.map((item, index) => toNativeAttribute(item, `${path}[${index}]`)) };
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(`${path} is a ${value.constructor?.name ?? 'object'}, which is no JSON value`);
      }
      const map: Record<string, AttributeValue> = {};
      for (const [key, member] of Object.entries(value)) {
        if (member !== undefined) map[key] = toNativeAttribute(member, `${path}.${key}`);
      }
      return { M: map };
    }
    default:
      throw new TypeError(`${path} is a ${typeof value}, which is no JSON value`);
  }
}

/**
 * The JSON value a native attribute holds, as `unmarshall()` reads it for JSON types. Sets and
 * binary values, which no JSON response is, throw a TypeError naming where they are.
 */
export function fromNativeAttribute(value: AttributeValue, path = '$'): JSONValue {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) {
    const number = Number(value.N);
    if (!Number.isFinite(number)) throw new TypeError(`${path} is the number ${value.N}, which JSON cannot hold`);
    return number;
  }
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map((item, index) => fromNativeAttribute(item, `${path}[${index}]`));
  if (value.M !== undefined) {
    const object: Record<string, JSONValue> = {};
    for (const [key, member] of Object.entries(value.M)) {
      // As JSON.parse does: a member named __proto__ is a member, not the object's prototype.
      Object.defineProperty(object, key, {
        value: fromNativeAttribute(member, `${path}.${key}`),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }
  const type = Object.keys(value).find((name) => name !== '$unknown') ?? 'unknown';
  throw new TypeError(`${path} is a DynamoDB ${type} value, which no JSON response is`);
}
