export type { CallerIdentity, HttpIdempotencyOptions } from '../types/options.js';
export type { FastifyIdempotencyOptions } from './idempotency.js';
export { idempotency, idempotency as default } from './idempotency.js';
