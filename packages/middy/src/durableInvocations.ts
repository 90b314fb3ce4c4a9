import { isDurableContext } from '@idem/core';
import type { MiddyLikeRequest } from './types.js';

/**
 * True when the request's error ends only this invocation of a durable execution, not the
 * execution: Middy's early timeout (`timeoutEarlyInMillis`, on by default; Middy 7 reads the
 * remaining time of the durable context's Lambda context). An invocation that suspends at a wait
 * never settles, so its timer fires later, when Lambda next thaws the sandbox (during the
 * execution's next invocation, or another's), and Middy then runs `onError` for a request that
 * is over. Releasing the claim then would free the key of an execution that is still waiting,
 * so the claim stays; it is the execution's, and its next invocation re-enters it.
 */
export function endsOnlyTheInvocation(request: MiddyLikeRequest): boolean {
  const error = request.error as { name?: unknown; cause?: { package?: unknown } } | null | undefined;
  return isDurableContext(request.context) && error?.name === 'TimeoutError' && error.cause?.package === '@middy/core';
}
