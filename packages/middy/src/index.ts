export { cleanupOnEarlyReturn, earlyReturnCleanupKeys } from './cleanupOnEarlyReturn.js';
export type { MiddyLifecycleStart } from './lifecycleMiddleware.js';
export { lifecycleMiddleware } from './lifecycleMiddleware.js';
export { makeHandlerIdempotent } from './makeHandlerIdempotent.js';
export type { MiddlewareLikeObj, MiddyLikeRequest } from './types.js';
