export { earlyReturnCleanupKeys } from './cleanupOnEarlyReturn.js';
export { makeHandlerIdempotent } from './makeHandlerIdempotent.js';
export type { MiddlewareLikeObj, MiddyLikeRequest } from './types.js';
