import type { IdempotencyConfigInterface } from './config.js';
import type { LambdaHandlerContext } from './durable.js';
import type { IdempotencyStore } from './store.js';

/** Generic function type for any function signature. */
// biome-ignore lint/suspicious/noExplicitAny: Powertools' type: any function, whatever its parameters and result
export type AnyFunction = (...args: Array<any>) => any;

/** Configuration options for idempotency with Lambda handlers. */
export interface IdempotencyLambdaHandlerOptions {
  /**
   * Where the records live: any persistence layer (`MemoryPersistenceLayer`, `DynamoDBPersistenceLayer`,
   * `CachePersistenceLayer`, or your own `BasePersistenceLayer`).
   */
  persistenceStore: IdempotencyStore;
  /** Optional configuration for idempotency behavior. @default new IdempotencyConfig({}) */
  config?: IdempotencyConfigInterface;
  /**
   * Prefix of every key of this function; replaces the default, which is
   * `${AWS_LAMBDA_FUNCTION_NAME}.${functionName}`, or over a store in compatibility
   * `'powertools'` `${AWS_LAMBDA_FUNCTION_NAME}` alone, as Powertools names keys (a given prefix
   * is then trimmed, as Powertools does).
   * @default undefined
   */
  keyPrefix?: string;
}

/**
 * Options for makeIdempotent and the idempotent decorator. Lambda handlers (a `Context` or a
 * durable execution's `DurableContext` as second argument) take no `dataIndexArgument`; other
 * functions may choose the payload argument.
 */
// Powertools' spelling is kept on purpose; IdempotentFunctionOptions is the same type.
// biome-ignore lint/suspicious/noExplicitAny: Powertools' type: any parameter list
export type ItempotentFunctionOptions<T extends Array<any>> = T[1] extends LambdaHandlerContext
  ? IdempotencyLambdaHandlerOptions
  : IdempotencyLambdaHandlerOptions & {
      /** Index of the argument to use as idempotency payload (zero-based). @default 0 */
      dataIndexArgument?: number;
    };

/** Correctly spelled alias of `ItempotentFunctionOptions`. */
// biome-ignore lint/suspicious/noExplicitAny: Powertools' type: any parameter list
export type IdempotentFunctionOptions<T extends Array<any>> = ItempotentFunctionOptions<T>;
