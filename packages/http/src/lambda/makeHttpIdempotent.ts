import { defaultKeyPrefix, runIdempotently } from '@idem/core';
import { HttpIdempotency } from '../rules/HttpIdempotency.js';
import type { HttpResponse } from '../types/http.js';
import type { HttpIdempotencyOptions } from '../types/options.js';
import { lambdaAdapter } from './lambdaAdapter.js';

/** The wrapped handler: same arguments, and it may answer with a replay or a problem instead. */
export type HttpIdempotentHandler<Event, Context, Result> = (
  event: Event,
  context: Context
) => Promise<Awaited<Result> | HttpResponse>;

/**
 * Makes a Lambda HTTP handler honour the `Idempotency-Key` header: the first request with a key
 * runs the handler and stores its final response; a retry with the same key, from the same
 * caller, to the same method and path, gets that response again with `Idempotent-Replayed: true`.
 * Works for API Gateway REST and HTTP APIs, Lambda Function URLs and ALB events.
 */
export function makeHttpIdempotent<Event, Context, Result>(
  handler: (event: Event, context: Context) => Result,
  options: HttpIdempotencyOptions<Event>
): HttpIdempotentHandler<Event, Context, Result> {
  const idempotency = new HttpIdempotency<Event, HttpResponse>(options, lambdaAdapter, defaultKeyPrefix(handler.name, handler));

  return function httpIdempotentHandler(event: Event, context: Context): Promise<Awaited<Result> | HttpResponse> {
    return runIdempotently(idempotency, event, context, () => handler(event, context));
  };
}
