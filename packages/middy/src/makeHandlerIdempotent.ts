import { assertKnownOptions, type IdempotencyLambdaHandlerOptions, isLambdaContext, optionNames } from '@idem/core';
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
  return lifecycleMiddleware(async (request) => {
    const context = isLambdaContext(request.context) ? request.context : undefined;
    const engine = engines.forContext(context);
    return { start: await engine.begin(request.event, context), settlement: engine };
  });
}
