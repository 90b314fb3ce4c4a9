export type { CallerIdentity, HttpIdempotencyOptions } from '../types/options.js';
export type {
  ExpressIdempotencyMiddleware,
  ExpressIdempotencyOptions,
  ExpressLikeRequest,
  ExpressRequestMembers,
} from './idempotency.js';
export { idempotency } from './idempotency.js';
