import type { LambdaContext } from '../types/lambda.js';

/** True when the value looks like the Context that Lambda passes as a handler's second argument. */
export function isLambdaContext(value: unknown): value is LambdaContext {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LambdaContext).getRemainingTimeInMillis === 'function' &&
    typeof (value as LambdaContext).awsRequestId === 'string'
  );
}
