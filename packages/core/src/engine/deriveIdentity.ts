import { IdempotencyKeyError } from '../errors.js';
import { hashText } from '../hashing/hashText.js';
import type { IdempotencyConfigInterface } from '../types/config.js';
import type { CompiledExpression } from '../types/jmespath.js';
import type { RequestIdentity } from '../types/store.js';
import { type KeyScheme, keySchemeOf } from './keySchemes.js';

/**
 * Computes the key and validation hash of a payload. Returns undefined when the key selection
 * is empty and the config allows that (the call then runs without idempotency), so a missing key
 * never hashes to a constant that unrelated calls would share. The store's key scheme decides the
 * text hashed and the digest's encoding.
 */
export function deriveIdentity(
  config: IdempotencyConfigInterface,
  keyPrefix: string,
  payload: unknown,
  scheme: KeyScheme = keySchemeOf(undefined)
): RequestIdentity | undefined {
  const selection = config.keyExpression ? select(config.keyExpression, payload, 'eventKeyJmesPath') : payload;
  if (isEmptySelection(selection)) {
    if (config.throwOnNoIdempotencyKey) {
      throw new IdempotencyKeyError(
        config.keyExpression
          ? `No idempotency key found: eventKeyJmesPath ${JSON.stringify(config.eventKeyJmesPath)} selected nothing`
          : 'No idempotency key found: the payload is empty'
      );
    }
    return undefined;
  }
  const keyMaterial = config.keyScope ? [callerScope(config.keyScope, payload), selection] : selection;
  const identity: RequestIdentity = {
    idempotencyKey: `${keyPrefix}#${hashSelection(config, scheme, keyMaterial, 'idempotency key')}`,
  };
  if (config.validationExpression) {
    const validated = select(config.validationExpression, payload, 'payloadValidationJmesPath');
    identity.payloadHash = hashSelection(config, scheme, validated, 'payload validation');
  }
  return identity;
}

/**
 * Runs an expression on the payload. It fails on payloads it does not fit (a body that is not
 * JSON for powertools_json, a number for length): the caller gets IdempotencyKeyError. The
 * message leaves out the cause's text, which may quote the payload.
 */
function select(expression: CompiledExpression, payload: unknown, optionName: string): unknown {
  try {
    return expression.search(payload);
  } catch (error) {
    throw new IdempotencyKeyError(
      `${optionName} ${JSON.stringify(expression.source)} cannot be applied to this payload (${(error as Error)?.name ?? 'Error'})`,
      { cause: error }
    );
  }
}

function hashSelection(config: IdempotencyConfigInterface, scheme: KeyScheme, selection: unknown, purpose: string): string {
  let text: string;
  try {
    text = scheme.serialize(selection);
  } catch (error) {
    throw new IdempotencyKeyError(`The ${purpose} selection cannot be hashed: ${(error as Error).message}`, { cause: error });
  }
  return hashText(config.hashFunction, text, scheme.digestEncoding);
}

function callerScope(keyScope: (payload: unknown) => string, payload: unknown): string {
  const scope = keyScope(payload);
  if (typeof scope !== 'string' || scope === '') {
    throw new IdempotencyKeyError('keyScope returned no scope for this payload; return a non-empty string');
  }
  return scope;
}

/**
 * Null, undefined, '' and containers that hold only such values select no key. Judged on the value
 * as JSON writes it (toJSON applied, functions and symbols dropped, a Map or a class instance by
 * its own members), since that is what is hashed: a selection whose JSON is `{}` or `[null]` would
 * otherwise hash to a key that unrelated calls share.
 */
function isEmptySelection(value: unknown, ancestors?: Set<object>): boolean {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: (key: string) => unknown }).toJSON('');
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  if (value === null || value === undefined || value === '') return true;
  if (typeof value === 'function' || typeof value === 'symbol') return true;
  if (typeof value !== 'object') return false;
  // A cycle is not empty: hashing then rejects it with a clear error instead of overflowing the stack here.
  // The set of containers being walked is made at the first one: most selections are a string.
  const walking = ancestors ?? new Set<object>();
  if (walking.has(value)) return false;
  walking.add(value);
  const empty = (Array.isArray(value) ? value : Object.values(value)).every((item) => isEmptySelection(item, walking));
  walking.delete(value);
  return empty;
}
