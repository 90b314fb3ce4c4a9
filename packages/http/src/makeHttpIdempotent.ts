import { defaultKeyPrefix } from '@idem/core';
import { HttpIdempotency } from './HttpIdempotency.js';
import type { HttpResponse } from './types/http.js';
import type { HttpIdempotencyOptions } from './types/options.js';

/** The wrapped handler: same arguments, and it may answer with a replay or a problem instead. */
export type HttpIdempotentHandler<Event, Context, Result> = (event: Event, context: Context) => Promise<Awaited<Result> | HttpResponse>;

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
  const idempotency = new HttpIdempotency(options, defaultKeyPrefix(handler.name, handler));

  return async function httpIdempotentHandler(event: Event, context: Context): Promise<Awaited<Result> | HttpResponse> {
    const start = await idempotency.begin(event, context);
    if (start.kind === 'pass') return await handler(event, context);
    if (start.kind === 'respond') return start.response;
    let result: Awaited<Result>;
    try {
      result = await handler(event, context);
    } catch (error) {
      await idempotency.release(start);
      throw error;
    }
    await idempotency.finish(start, result);
    return result;
  };
}
