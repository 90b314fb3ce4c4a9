export { httpDefaults, replayedHeader, storeFinalOutcomes } from './constants.js';
export { IdempotencyHttpEventError } from './errors.js';
export type { HttpClaim, HttpStart } from './HttpIdempotency.js';
export { HttpIdempotency } from './HttpIdempotency.js';
export type { HttpIdempotentHandler } from './makeHttpIdempotent.js';
export { makeHttpIdempotent } from './makeHttpIdempotent.js';
export { defaultCallerIdentity } from './request/callerIdentity.js';
export type { HttpEventSource, HttpResponse, IdempotencyProblemCode, StoredHttpResponse } from './types/http.js';
export type { CallerIdentity, HttpIdempotencyOptions } from './types/options.js';
