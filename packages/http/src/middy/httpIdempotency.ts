import { defaultKeyPrefix } from '@idem/core';
import { lifecycleMiddleware } from '@idem/middy';
import type { MiddlewareObj } from '@middy/core';
import { lambdaAdapter } from '../lambda/lambdaAdapter.js';
import { HttpIdempotency } from '../rules/HttpIdempotency.js';
import type { HttpResponse } from '../types/http.js';
import type { HttpIdempotencyOptions } from '../types/options.js';

/**
 * The Middy form of `makeHttpIdempotent`. `before` answers a replay or a problem at once (Middy's
 * early return, so the handler does not run), `after` stores the response per `shouldStore`,
 * `onError` frees the key, and only when this request claimed it. Use it first (outermost), so
 * that it sees the raw event before parsers and the final response after the others.
 */
// biome-ignore lint/suspicious/noExplicitAny: Middy's own slots for the event, result and context, left open as Middy does
export function httpIdempotency<Event = any>(options: HttpIdempotencyOptions<Event>): MiddlewareObj<Event, any, Error, any> {
  const idempotency = new HttpIdempotency<Event, HttpResponse>(options, lambdaAdapter, defaultKeyPrefix('httpIdempotency'));
  return lifecycleMiddleware(async (request) => ({
    start: await idempotency.begin(request.event as Event, request.context),
    settlement: idempotency,
  }));
}
