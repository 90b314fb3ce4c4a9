import type { LambdaContext } from '@idem/core';

/**
 * A Lambda context whose deadline is `remainingMs` after now, read from `Date.now()` like the
 * real one, so faking Date moves it.
 */
export function lambdaContext(options: { functionName?: string; remainingMs?: number } = {}): LambdaContext {
  const deadline = Date.now() + (options.remainingMs ?? 20_000);
  return {
    functionName: options.functionName ?? 'orders',
    awsRequestId: `request-${Math.random().toString(16).slice(2)}`,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}
