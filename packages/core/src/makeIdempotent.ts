import { assertKnownOptions, optionNames } from './config/knownOptions.js';
import { isDurableContext } from './engine/durableContext.js';
import { IdempotencyEngine } from './engine/IdempotencyEngine.js';
import { functionKeyPrefix } from './engine/keySchemes.js';
import { isLambdaContext } from './engine/lambdaContext.js';
import { IdempotencyConfigurationError } from './errors.js';
import { runIdempotently } from './lifecycle/runIdempotently.js';
import type { AnyFunction, IdempotencyLambdaHandlerOptions, ItempotentFunctionOptions } from './types/functions.js';

/** The wrapped function: same parameters and `this`, always asynchronous. */
export type IdempotentFunction<Func extends AnyFunction> = (
  this: ThisParameterType<Func>,
  ...args: Parameters<Func>
) => Promise<Awaited<ReturnType<Func>>>;

/** Option names of makeIdempotent and `@idempotent`. */
export const functionOptionNames = optionNames<IdempotencyLambdaHandlerOptions & { dataIndexArgument?: number }>({
  persistenceStore: true,
  config: true,
  keyPrefix: true,
  dataIndexArgument: true,
});

/**
 * Makes a function idempotent: a repeated call with the same payload returns the stored result
 * of the first instead of running again. For a Lambda handler (a Lambda `Context` or a durable
 * execution's `DurableContext` as second argument) the payload is the event; for any other
 * function it is the argument at `dataIndexArgument` (default 0).
 */
export function makeIdempotent<Func extends AnyFunction>(
  fn: Func,
  options: ItempotentFunctionOptions<Parameters<Func>>
): IdempotentFunction<Func> {
  assertKnownOptions(options, functionOptionNames, 'makeIdempotent');
  const engine = new IdempotencyEngine({
    persistenceStore: options?.persistenceStore,
    config: options?.config,
    keyPrefix: functionKeyPrefix(options?.persistenceStore, options?.keyPrefix, fn.name, fn),
  });
  const dataIndexArgument = 'dataIndexArgument' in options ? (options.dataIndexArgument ?? 0) : 0;
  // An index that selects no argument would make every call run without idempotency, silently.
  if (!Number.isInteger(dataIndexArgument) || dataIndexArgument < 0) {
    throw new IdempotencyConfigurationError(
      `dataIndexArgument: expected a non-negative integer, got ${String(dataIndexArgument)}`
    );
  }

  return function idempotentFunction(this: ThisParameterType<Func>, ...args: Parameters<Func>) {
    const context = isLambdaContext(args[1]) || isDurableContext(args[1]) ? args[1] : undefined;
    const payload = context ? args[0] : args[dataIndexArgument];
    return runIdempotently(engine, payload, context, () => fn.apply(this, args)) as Promise<Awaited<ReturnType<Func>>>;
  };
}
