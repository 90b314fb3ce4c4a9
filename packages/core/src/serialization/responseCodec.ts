import { IdempotencyPersistenceLayerError } from '../errors.js';
import type { IdempotencyConfigInterface } from '../types/config.js';
import type { JSONValue } from '../types/json.js';
import { assertPlainJson } from './assertPlainJson.js';

/**
 * The function's result as the JSON value to store. `undefined` is stored as no data and
 * replayed as undefined, without calling a serializer. Without a `responseSerializer`, a result
 * that JSON would change is refused here, at save time, instead of replaying as something else.
 */
export function encodeResponse(config: IdempotencyConfigInterface, result: unknown): JSONValue | undefined {
  if (result === undefined) return undefined;
  if (config.responseSerializer) return config.responseSerializer.serialize(result);
  return plainJson(result);
}

/** The stored value as the function's result again. */
export function decodeResponse(config: IdempotencyConfigInterface, stored: JSONValue | undefined): unknown {
  if (stored === undefined || !config.responseSerializer) return stored;
  return config.responseSerializer.deserialize(stored);
}

/** The result itself when it is plain JSON; otherwise an error naming where it is not. */
export function plainJson(result: unknown): JSONValue {
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
