import { IdempotencyConfigurationError } from '../errors.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import type { DigestEncoding } from '../hashing/hashText.js';
import { powertoolsJson } from '../hashing/powertoolsJson.js';
import type { KeySchemeName } from '../types/store.js';
import { defaultKeyPrefix } from './defaultKeyPrefix.js';

/** The rules of one `KeySchemeName`: how selections become digests, and functions key prefixes. */
export interface KeyScheme {
  readonly name: KeySchemeName;
  /** The text hashed for a selection of the payload; throws a TypeError for values JSON cannot carry. */
  serialize(selection: unknown): string;
  /** How the digest of that text is written. */
  readonly digestEncoding: DigestEncoding;
  /** The prefix of a wrapped function's keys: `keyPrefix` as the wrapper was given it, else the default. */
  keyPrefix(keyPrefix: string | undefined, functionName: string, fn?: (...args: never[]) => unknown): string;
  /** Whether a config can be used with this scheme; throws `IdempotencyConfigurationError` naming the option. */
  checkConfig(config: { keyScope?: unknown } | undefined): void;
}

const idemScheme: KeyScheme = {
  name: 'idem',
  serialize: canonicalJson,
  digestEncoding: 'hex',
  keyPrefix: (keyPrefix, functionName, fn) => keyPrefix ?? defaultKeyPrefix(functionName, fn),
  checkConfig: () => undefined,
};

/**
 * Powertools 2.x: the prefix is `keyPrefix` trimmed, or when blank the Lambda function's name
 * alone (trimmed, `''` outside Lambda): none of its wrappers passes the wrapped function's name.
 */
const powertoolsScheme: KeyScheme = {
  name: 'powertools',
  serialize: powertoolsJson,
  digestEncoding: 'base64',
  keyPrefix: (keyPrefix) => keyPrefix?.trim() || (process.env.AWS_LAMBDA_FUNCTION_NAME ?? '').trim(),
  checkConfig(config) {
    if (config?.keyScope !== undefined) {
      throw new IdempotencyConfigurationError(
        "keyScope: not available over a store in compatibility 'powertools': Powertools' keys have no scope, so " +
          'its functions and this one would never share a record'
      );
    }
  },
};

const schemes: Record<KeySchemeName, KeyScheme> = { idem: idemScheme, powertools: powertoolsScheme };

/**
 * The scheme a store names (`IdempotencyStore.keyScheme`), checked against the config of a
 * function wrapped over it when given; a name that is no scheme fails naming it.
 */
export function keySchemeOf(store: unknown, config?: { keyScope?: unknown }): KeyScheme {
  const name = (store as { keyScheme?: unknown } | null | undefined)?.keyScheme ?? 'idem';
  if (typeof name !== 'string' || !Object.hasOwn(schemes, name)) {
    throw new IdempotencyConfigurationError(
      `persistenceStore: keyScheme ${JSON.stringify(name)} is not a key scheme (${Object.keys(schemes).join(', ')})`
    );
  }
  const scheme = schemes[name as KeySchemeName];
  scheme.checkConfig(config);
  return scheme;
}

/**
 * The key prefix of a function wrapped over `store`: `keyPrefix` when given, else the default of
 * the store's key scheme for the function named `functionName`.
 */
export function functionKeyPrefix(
  store: unknown,
  keyPrefix: string | undefined,
  functionName: string,
  fn?: (...args: never[]) => unknown
): string {
  return keySchemeOf(store).keyPrefix(keyPrefix, functionName, fn);
}
