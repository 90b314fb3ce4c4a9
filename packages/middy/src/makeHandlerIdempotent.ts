import { type IdempotencyHandler, type IdempotencyLambdaHandlerOptions, type IdempotencyRecord, isLambdaContext } from '@idem/core';
import { cleanupOnEarlyReturn } from './cleanupOnEarlyReturn.js';
import { KeyPrefixEngines } from './keyPrefixes.js';
import type { MiddlewareLikeObj, MiddyLikeRequest } from './types.js';

/** The claim one request holds, and the engine that took it. */
interface HeldClaim {
  engine: IdempotencyHandler;
  claim: IdempotencyRecord;
}

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
  const engines = new KeyPrefixEngines(options);
  // Keyed by request, not kept in the closure: one middleware instance serves concurrent
  // requests, and after/onError must settle this request's claim and no one else's.
  const claims = new WeakMap<object, HeldClaim>();

  async function idempotencyBefore(request: MiddyLikeRequest): Promise<unknown> {
    const context = isLambdaContext(request.context) ? request.context : undefined;
    const engine = engines.forContext(context);
    const start = await engine.begin(request.event, context);
    if (start.kind === 'claimed') {
      claims.set(request, { engine, claim: start.claim });
      return undefined;
    }
    if (start.kind === 'bypass') return undefined;
    await cleanupOnEarlyReturn(request);
    // earlyResponse ends the request even when the stored response is undefined; returning
    // undefined alone would let the handler run again.
    request.earlyResponse = start.response;
    return start.response;
  }

  async function idempotencyAfter(request: MiddyLikeRequest): Promise<void> {
    const held = claims.get(request);
    if (!held) return;
    // Taken off first: if storing fails, onError must not delete the record of a handler that
    // ran, which is what makeIdempotent does too.
    claims.delete(request);
    await held.engine.complete(held.claim, request.response);
  }

  async function idempotencyOnError(request: MiddyLikeRequest): Promise<void> {
    const held = claims.get(request);
    if (!held) return;
    claims.delete(request);
    await held.engine.release(held.claim);
  }

  return { before: idempotencyBefore, after: idempotencyAfter, onError: idempotencyOnError };
}
