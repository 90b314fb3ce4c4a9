/**
 * Throws a TypeError naming the first place where the value is not plain JSON: something that
 * JSON.stringify would turn into a different value (a Date into a string, a Map or a class
 * instance into a bare object, NaN into null) or refuse (BigInt, cycles). Members whose value is
 * undefined are allowed: they read as undefined after a replay too.
 */
export function assertPlainJson(value: unknown, path = '$', ancestors = new Set<object>()): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} is ${value}, which JSON stores as null`);
      return;
    case 'object':
      if (value === null) return;
      break;
    default:
      throw new TypeError(`${path} is a ${typeof value}, which JSON cannot store`);
  }
  if (ancestors.has(value)) throw new TypeError(`${path} is a circular reference`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    // An index loop, not forEach: forEach skips the holes of a sparse array, which JSON stores as null.
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item === undefined) throw new TypeError(`${path}[${index}] is undefined, which JSON stores as null`);
      assertPlainJson(item, `${path}[${index}]`, ancestors);
    }
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as object).constructor?.name ?? 'object';
      throw new TypeError(`${path} is a ${kind}, which JSON stores as a different value`);
    }
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) assertPlainJson(member, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}
