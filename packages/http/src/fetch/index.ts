export type { FetchIdempotencyOptions } from './withIdempotency.js';
export { withIdempotency } from './withIdempotency.js';
