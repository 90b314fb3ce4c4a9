export type { HttpResponse } from '../types/http.js';
export type { CallerIdentity, HttpIdempotencyOptions } from '../types/options.js';
export { httpIdempotency } from './httpIdempotency.js';
