import type { ClaimSettlement, LifecycleStart } from '@idem/core';
import { cleanupOnEarlyReturn } from './cleanupOnEarlyReturn.js';
import type { MiddlewareLikeObj, MiddyLikeRequest } from './types.js';

/** What a middleware's `begin` decided for one request, and the lifecycle that settles its claim. */
export interface MiddyLifecycleStart<Claim> {
  start: LifecycleStart<unknown, Claim>;
  settlement: ClaimSettlement<Claim>;
}

/**
 * Drives an idempotency lifecycle from Middy's hooks; every Middy middleware of idem is one of
 * these. `before` begins: on a replay or the front end's own answer it ends the request early
 * (the handler and later middlewares are skipped, earlier middlewares' cleanups run); on a claim
 * it holds the claim. `after` completes the claim with the response; `onError` releases it.
 */
export function lifecycleMiddleware<Claim>(
  begin: (request: MiddyLikeRequest) => Promise<MiddyLifecycleStart<Claim>>
): MiddlewareLikeObj {
  // Keyed by request, not kept in the closure: one middleware instance serves concurrent
  // requests, and after/onError must settle this request's claim and no one else's.
  const held = new WeakMap<object, { settlement: ClaimSettlement<Claim>; claim: Claim }>();
  // Taken off before settling: if storing fails, onError must not delete the record of a
  // handler that ran, which is what makeIdempotent does too.
  const take = (request: MiddyLikeRequest) => {
    const claim = held.get(request);
    held.delete(request);
    return claim;
  };

  return {
    async before(request) {
      const { start, settlement } = await begin(request);
      if (start.kind === 'bypass') return undefined;
      if (start.kind === 'claimed') {
        held.set(request, { settlement, claim: start.claim });
        return undefined;
      }
      await cleanupOnEarlyReturn(request);
      // earlyResponse ends the request even when the response is undefined; returning undefined
      // alone would let the handler run again.
      request.earlyResponse = start.response;
      return start.response;
    },
    async after(request) {
      const claim = take(request);
      if (claim) await claim.settlement.complete(claim.claim, request.response);
    },
    async onError(request) {
      const claim = take(request);
      if (claim) await claim.settlement.release(claim.claim);
    },
  };
}
