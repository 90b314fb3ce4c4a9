import { defaultKeyPrefix } from '@idem/core';
import type { MiddlewareObj, Request } from '@middy/core';
import { HttpIdempotency, type HttpClaim } from '../HttpIdempotency.js';
import type { HttpResponse } from '../types/http.js';
import type { HttpIdempotencyOptions } from '../types/options.js';

/**
 * The Middy form of `makeHttpIdempotent`. `before` answers a replay or a problem at once (Middy's
 * early return, so the handler does not run), `after` stores the response per `shouldStore`,
 * `onError` frees the key, and only when this request claimed it. Use it first (outermost), so
 * that it sees the raw event before parsers and the final response after the others.
 */
export function httpIdempotency<Event = any>(
  options: HttpIdempotencyOptions<Event>
): MiddlewareObj<Event, any, Error, any> {
  const idempotency = new HttpIdempotency(options, defaultKeyPrefix('httpIdempotency'));
  // Keyed by Middy's per-invocation request object, so concurrent invocations never mix claims.
  const claims = new WeakMap<object, HttpClaim>();

  const takeClaim = (request: Request): HttpClaim | undefined => {
    const claimed = claims.get(request);
    claims.delete(request);
    return claimed;
  };

  return {
    before: async (request): Promise<HttpResponse | undefined> => {
      const start = await idempotency.begin(request.event, request.context);
      if (start.kind === 'respond') return start.response;
      if (start.kind === 'claimed') claims.set(request, { claim: start.claim, request: start.request });
      return undefined;
    },
    after: async (request) => {
      const claimed = takeClaim(request);
      if (claimed) await idempotency.finish(claimed, request.response);
    },
    onError: async (request) => {
      const claimed = takeClaim(request);
      if (claimed) await idempotency.release(claimed);
    },
  };
}
