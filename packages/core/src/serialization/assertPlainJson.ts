/**
 * Throws a TypeError naming the first place where the value is not plain JSON: something that
 * JSON.stringify would turn into a different value (a Date into a string, a Map or a class
 * instance into a bare object, NaN into null) or refuse (BigInt, cycles). Members whose value is
 * undefined are allowed: they read as undefined after a replay too.
 */
export function assertPlainJson(value: unknown): void {
  // Nearly every result is plain JSON: check without building paths, and build them only to
  // name the place where it is not.
  if (!isPlainJson(value, undefined)) explainNonJson(value, '$', new Set());
}

function explainNonJson(value: unknown, path: string, ancestors: Set<object>): void {
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
      explainNonJson(item, `${path}[${index}]`, ancestors);
    }
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      const kind = (value as object).constructor?.name ?? 'object';
      throw new TypeError(`${path} is a ${kind}, which JSON stores as a different value`);
    }
    for (const [key, member] of Object.entries(value)) {
      if (member !== undefined) explainNonJson(member, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}

/**
 * The same rules as `assertPlainJson`, as a verdict only: no paths, no Set, no entry arrays, and
 * the stack of containers being walked made at the first container.
 */
function isPlainJson(value: unknown, ancestors: object[] | undefined): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      break;
    default:
      return false;
  }
  const walking = ancestors ?? [];
  if (walking.includes(value)) return false;
  walking.push(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === undefined || !isPlainJson(item, walking)) return false;
    }
  } else {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) return false;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const member = (value as Record<string, unknown>)[keys[i] as string];
      if (member !== undefined && !isPlainJson(member, walking)) return false;
    }
  }
  walking.pop();
  return true;
}
