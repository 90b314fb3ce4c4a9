import {
  assertKnownOptions,
  type IdempotencyLambdaHandlerOptions,
  isDurableContext,
  isLambdaContext,
  optionNames,
} from '@idem/core';
import { endsOnlyTheInvocation } from './durableInvocations.js';
import { KeyPrefixEngines } from './keyPrefixes.js';
import { lifecycleMiddleware } from './lifecycleMiddleware.js';
import type { MiddlewareLikeObj } from './types.js';

const middlewareOptionNames = optionNames<IdempotencyLambdaHandlerOptions>({
  persistenceStore: true,
  config: true,
  keyPrefix: true,
});

/**
 * Makes a Middy-wrapped Lambda handler idempotent, with the state machine of `makeIdempotent`:
 * `before` claims the key of the event or replays a completed result, returning early;
 * `after` stores the response; `onError` releases the claim so a retry can run.
 *
 * The payload is `request.event` as it reaches this middleware, so middlewares used before it
 * (body parsers, input validators) shape the key; middlewares used after it, and the handler,
 * are skipped on a replay.
 *
 * In a durable execution (Middy's `executionModeDurableContext`, or a Middy handler inside
 * `withDurableExecution`) the request's context is the `DurableContext`: the execution owns the
 * claim and its replays after a wait run the handler again under it; Middy's early timeout of an
 * invocation leaves the claim to the execution (see `endsOnlyTheInvocation`).
 *
 * @example
 * ```ts
 * export const handler = middy(chargeCard)
 *   .use(httpJsonBodyParser())
 *   .use(makeHandlerIdempotent({ persistenceStore, config: new IdempotencyConfig({ eventKeyJmesPath: 'body.orderId' }) }));
 * ```
 */
export function makeHandlerIdempotent(options: IdempotencyLambdaHandlerOptions): MiddlewareLikeObj {
  assertKnownOptions(options, middlewareOptionNames, 'makeHandlerIdempotent');
  const engines = new KeyPrefixEngines(options);
  const middleware = lifecycleMiddleware(async (request) => {
    const context = isDurableContext(request.context) || isLambdaContext(request.context) ? request.context : undefined;
    const engine = engines.forContext(isDurableContext(context) ? context.lambdaContext : context);
    return { start: await engine.begin(request.event, context), settlement: engine };
  });
  return {
    ...middleware,
    onError: async (request) => {
      if (!endsOnlyTheInvocation(request)) await middleware.onError(request);
    },
  };
}
