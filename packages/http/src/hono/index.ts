export type { CallerIdentity, HttpIdempotencyOptions } from '../types/options.js';
export type { HonoIdempotencyOptions } from './idempotency.js';
export { idempotency } from './idempotency.js';
