import type { IdempotencyConfig } from '../config/IdempotencyConfig.js';
import { IdempotencyKeyError } from '../errors.js';
import { canonicalJson } from '../hashing/canonicalJson.js';
import { hashText } from '../hashing/hashText.js';

/** What identifies one request in the store, computed once before the function runs. */
export interface RequestIdentity {
  /** `${keyPrefix}#${hash of the key selection}`. */
  idempotencyKey: string;
  /** Hash of the validation selection; undefined when payload validation is off. */
  payloadHash?: string;
}

/**
 * Computes the key and validation hash of a payload. Returns undefined when the key selection
 * is empty and the config allows that (the call then runs without idempotency), so a missing key
 * never hashes to a constant that unrelated calls would share.
 */
export function deriveIdentity(config: IdempotencyConfig, keyPrefix: string, payload: unknown): RequestIdentity | undefined {
  const selection = config.keyExpression ? config.keyExpression.search(payload) : payload;
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
    idempotencyKey: `${keyPrefix}#${hashSelection(config, keyMaterial, 'idempotency key')}`,
  };
  if (config.validationExpression) {
    identity.payloadHash = hashSelection(config, config.validationExpression.search(payload), 'payload validation');
  }
  return identity;
}

function hashSelection(config: IdempotencyConfig, selection: unknown, purpose: string): string {
  let text: string;
  try {
    text = canonicalJson(selection);
  } catch (error) {
    throw new IdempotencyKeyError(`The ${purpose} selection cannot be hashed: ${(error as Error).message}`, { cause: error });
  }
  return hashText(config.hashFunction, text);
}

function callerScope(keyScope: (payload: unknown) => string, payload: unknown): string {
  const scope = keyScope(payload);
  if (typeof scope !== 'string' || scope === '') {
    throw new IdempotencyKeyError('keyScope returned no scope for this payload; return a non-empty string');
  }
  return scope;
}

/** Null, undefined, '' and containers that hold only such values select no key. */
function isEmptySelection(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.every(isEmptySelection);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every(isEmptySelection);
  }
  return false;
}
