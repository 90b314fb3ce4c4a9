import type { IdempotencyEventListener } from './events.js';
import type { ResponseHook } from './hooks.js';
import type { CompiledExpression, Functions } from './jmespath.js';
import type { LambdaContext } from './lambda.js';
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
  /**
   * Seconds a Lambda durable execution may run: set it to the function's durable
   * `ExecutionTimeout`, which the handler cannot read. The claim of a durable execution (a
   * handler wrapped by `withDurableExecution`) lasts this long from its first invocation, across
   * every wait and replay, so no other execution with the same payload runs meanwhile; an
   * execution that Lambda stopped or timed out frees its key when it lapses. At most 31622400
   * (366 days, the longest execution Lambda allows).
   * @default 31622400 (the longest execution Lambda allows, so no live execution loses its key)
   */
  durableExecutionTimeoutSeconds?: number;
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
  /**
   * Scopes every key to a caller or tenant taken from the payload, so one tenant can never replay
   * or block another's call with the same key. Must return a non-empty string; anything else
   * raises `IdempotencyKeyError` (return e.g. `'anonymous'` on purpose where that is meant).
   * @default undefined (keys are scoped by function identity and key prefix only)
   */
  keyScope?: (payload: unknown) => string;
  /**
   * Extend the claim's in-progress expiry while the function runs (every third of the lease), for
   * long functions outside Lambda. Needs a store that can renew claims. If the claim is lost
   * anyway, the completion is refused and reported, never written over the new owner's record.
   * Under a Lambda context the remaining time already bounds the function, so nothing is renewed.
   * @default false
   */
  renewInProgressLease?: boolean;
  /** Receives an event for every step of every call: claimed, replayed, in progress, ... @default undefined */
  onEvent?: IdempotencyEventListener;
}

/**
 * A built config, every option resolved to its value: what `IdempotencyConfig` is and the
 * engine reads. Build one with `new IdempotencyConfig(options)`, which checks every option.
 */
export interface IdempotencyConfigInterface {
  readonly eventKeyJmesPath: string;
  readonly payloadValidationJmesPath?: string;
  readonly jmesPathOptions: Functions;
  readonly throwOnNoIdempotencyKey: boolean;
  readonly expiresAfterSeconds: number;
  readonly inProgressExpiresAfterSeconds: number;
  readonly durableExecutionTimeoutSeconds: number;
  readonly useLocalCache: boolean;
  readonly maxLocalCacheSize: number;
  readonly hashFunction: string;
  readonly responseHook?: ResponseHook;
  readonly responseSerializer?: ResponseSerializer;
  readonly keyScope?: (payload: unknown) => string;
  readonly renewInProgressLease: boolean;
  readonly onEvent?: IdempotencyEventListener;
  lambdaContext?: LambdaContext;
  /** The key expression, compiled once; undefined when the whole payload is the key. */
  readonly keyExpression?: CompiledExpression;
  /** The validation expression, compiled once; undefined when validation is off. */
  readonly validationExpression?: CompiledExpression;
  /** Lets the remaining time of this Lambda invocation bound the in-progress lease. */
  registerLambdaContext(context: LambdaContext): void;
  /** False while a disable switch (`IDEM_DISABLED`, `POWERTOOLS_IDEMPOTENCY_DISABLED`) is on. */
  isEnabled(): boolean;
}
