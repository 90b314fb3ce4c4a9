export type { CallerIdentity, HttpIdempotencyOptions } from '../types/options.js';
export type { ExpressIdempotencyMiddleware, ExpressIdempotencyOptions, ExpressLikeRequest } from './idempotency.js';
export { idempotency } from './idempotency.js';
