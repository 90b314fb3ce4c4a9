import type { MiddyLikeRequest } from './types.js';

/**
 * Keys of `request.internal` under which middlewares leave a cleanup function for when a later
 * middleware returns early and their `after` will not run. These are the keys of Powertools for
 * AWS Lambda (Tracer closes its segment, Metrics flushes, Logger clears its state), the one
 * convention for this in the Middy ecosystem; Middy itself has none.
 */
export const earlyReturnCleanupKeys = [
  'powertools-for-aws.tracer',
  'powertools-for-aws.metrics',
  'powertools-for-aws.logger',
] as const;

/** Runs, in order, the cleanup functions that earlier middlewares left on the request. */
export async function cleanupOnEarlyReturn(request: MiddyLikeRequest): Promise<void> {
  const internal = request.internal;
  if (typeof internal !== 'object' || internal === null) return;
  for (const key of earlyReturnCleanupKeys) {
    const cleanup = Object.hasOwn(internal, key) ? internal[key] : undefined;
    if (typeof cleanup === 'function') await cleanup(request);
  }
}
