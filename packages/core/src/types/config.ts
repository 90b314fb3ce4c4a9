import type { Functions } from './jmespath.js';
import type { LambdaContext } from './lambda.js';
import type { ResponseHook } from './functions.js';
import type { ResponseSerializer } from './serializer.js';

/** Configuration options for IdempotencyConfig. */
export interface IdempotencyConfigOptions {
  /**
   * JMESPath expression that selects the idempotency key from the payload, e.g. `'body'` or
   * `'powertools_json(body).orderId'`. Compiled once, when the config is built.
   * @default undefined (the whole payload is the key)
   */
  eventKeyJmesPath?: string;
  /**
   * JMESPath expression that selects the part of the payload whose hash must match on a repeat;
   * a repeat whose selection differs gets `IdempotencyValidationError`.
   * @default undefined (no payload validation)
   */
  payloadValidationJmesPath?: string;
  /** Custom JMESPath functions, usable in both expressions of this config only. @default {} */
  jmesPathOptions?: Functions;
  /**
   * Throw `IdempotencyKeyError` when the key expression finds nothing. Without it such a call
   * runs without idempotency and touches no store.
   * @default false
   */
  throwOnNoIdempotencyKey?: boolean;
  /** Seconds a completed record replays before the function may run again. @default 3600 */
  expiresAfterSeconds?: number;
  /**
   * Seconds a claim blocks its key when no Lambda context tells the remaining time, so a crashed
   * caller blocks its key for this long and not for the record's whole lifetime.
   * @default 60
   */
  inProgressExpiresAfterSeconds?: number;
  /** Keep completed records in an in-process LRU so repeats cost no store round trip. @default false */
  useLocalCache?: boolean;
  /** Number of records the local cache keeps. @default 1000 */
  maxLocalCacheSize?: number;
  /** Any hash algorithm of `node:crypto` (`crypto.getHashes()`). @default 'md5' */
  hashFunction?: string;
  /** AWS Lambda Context; its remaining time bounds the in-progress lease. @default undefined */
  lambdaContext?: LambdaContext;
  /** Runs on every replay with the stored response; its return value is replayed. @default undefined */
  responseHook?: ResponseHook;
  /**
   * Converts results that are not plain JSON for storage and back on replay.
   * @default undefined (results must be plain JSON; anything else is refused at save time)
   */
  responseSerializer?: ResponseSerializer;
}
