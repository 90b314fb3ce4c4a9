export { httpIdempotency } from './httpIdempotency.js';
export type { HttpIdempotencyOptions, CallerIdentity } from '../types/options.js';
export type { HttpResponse } from '../types/http.js';
