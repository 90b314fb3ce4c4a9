import { IdempotencyConfigurationError } from '../errors.js';

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/**
 * The option names of `Options`, a union's included, written as `{ name: true, ... }`: the
 * compiler holds the list to be exactly the type's keys, so it cannot fall behind the type.
 */
export function optionNames<Options>(names: Record<KeysOfUnion<Options> & string, true>): ReadonlySet<string> {
  return new Set(Object.keys(names));
}

/**
 * Refuses an option `owner` does not know, so a JavaScript caller's typo (`expiresAfterSecond`)
 * fails where the object is built, naming the option, instead of being ignored. A missing or
 * non-object `options` is left to the owner's own checks. `fail` makes the error, for packages
 * with an error class of their own. @default an `IdempotencyConfigurationError`
 */
export function assertKnownOptions(
  options: unknown,
  known: ReadonlySet<string>,
  owner: string,
  fail: (message: string) => Error = (message) => new IdempotencyConfigurationError(message)
): void {
  if (typeof options !== 'object' || options === null) return;
  for (const name of Object.keys(options)) {
    if (known.has(name)) continue;
    const suggestion = closestName(name, known);
    throw fail(
      `${name}: not an option of ${owner}${suggestion ? `; did you mean ${suggestion}?` : ''} (options: ${[...known].join(', ')})`
    );
  }
}

/** The known name a typo most likely meant: at most a third of its letters edited. */
function closestName(name: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance: the fewest inserted, deleted or replaced characters from `a` to `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const replaced = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, replaced);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
