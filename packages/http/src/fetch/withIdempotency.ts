import { defaultKeyPrefix, runIdempotently } from '@idem/core';
import { HttpIdempotency } from '../rules/HttpIdempotency.js';
import type { HttpAdapter } from '../types/frontEnd.js';
import type { HttpIdempotencyOptions } from '../types/options.js';
import { cloneBody, webRequest } from '../web/webRequest.js';
import { readWebResponse, webResponse } from '../web/webResponse.js';

/** Options of `withIdempotency`: `callerIdentity` is given the `Request`. */
export type FetchIdempotencyOptions = HttpIdempotencyOptions<Request>;

/**
 * Fetch API requests and responses. There is no standard place for an authenticated caller in a
 * `Request`, so the default identity is anonymous: give `callerIdentity`.
 */
const fetchAdapter: HttpAdapter<Request, Response> = {
  readRequest: (request) => webRequest(request, () => cloneBody(request)),
  respond: webResponse,
  readResponse: (response, _request, maxBodyBytes) => readWebResponse(response, maxBodyBytes),
  defaultCallerIdentity: () => undefined,
  storeFailureAfterHandler: 'report',
};

/**
 * Makes a Fetch API handler, `(request) => Response`, honour the `Idempotency-Key` header with
 * the rules of `makeHttpIdempotent`: Hono's `app.fetch`, Next.js route handlers, Bun and Deno
 * servers. Arguments after the request (Bun's server, Next.js's context) are passed through.
 */
export function withIdempotency<Args extends unknown[]>(
  handler: (request: Request, ...args: Args) => Response | Promise<Response>,
  options: FetchIdempotencyOptions
): (request: Request, ...args: Args) => Promise<Response> {
  const idempotency = new HttpIdempotency(options, fetchAdapter, defaultKeyPrefix(handler.name, handler));
  return function idempotentFetchHandler(request: Request, ...args: Args): Promise<Response> {
    return runIdempotently(idempotency, request, undefined, () => handler(request, ...args));
  };
}
