import type { IdempotencyConfig } from '../config/IdempotencyConfig.js';
import { IdempotencyPersistenceLayerError } from '../errors.js';
import type { JSONValue } from '../types/json.js';
import { assertPlainJson } from './assertPlainJson.js';

/**
 * The function's result as the JSON value to store. `undefined` stays undefined (stored as no
 * data, replayed as undefined). Without a `responseSerializer`, a result that JSON would change
 * is refused here, at save time, instead of replaying as something else later.
 */
export function encodeResponse(config: IdempotencyConfig, result: unknown): JSONValue | undefined {
  if (config.responseSerializer) return config.responseSerializer.serialize(result);
  if (result === undefined) return undefined;
  try {
    assertPlainJson(result);
  } catch (error) {
    throw new IdempotencyPersistenceLayerError(
      `The function's result cannot be stored: ${(error as Error).message}. Return plain JSON or set responseSerializer in the IdempotencyConfig.`,
      { cause: error }
    );
  }
  return result as JSONValue;
}

/** The stored value as the function's result again. */
export function decodeResponse(config: IdempotencyConfig, stored: JSONValue | undefined): unknown {
  if (config.responseSerializer && stored !== undefined) return config.responseSerializer.deserialize(stored);
  return stored;
}
