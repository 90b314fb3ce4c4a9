import { defaultKeyPrefix } from '@idem/core';
import type { Context, Env, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HttpIdempotency } from '../rules/HttpIdempotency.js';
import { jwtIdentity } from '../rules/jwtIdentity.js';
import type { HttpAdapter } from '../types/frontEnd.js';
import type { HttpIdempotencyOptions } from '../types/options.js';
import { cloneBody, webRequest } from '../web/webRequest.js';
import { readWebResponse, webResponse } from '../web/webResponse.js';

/** Options of the Hono middleware: `callerIdentity` is given the context. */
// biome-ignore lint/suspicious/noExplicitAny: Hono's own default for an app's Env
export type HonoIdempotencyOptions<E extends Env = any> = HttpIdempotencyOptions<Context<E>>;

/**
 * Hono's context: the request through `c.req`, the response the route set in `c.res`. The body
 * is read from a clone of the raw request while it is unread (so the route may read `c.req.raw`
 * too), else through Hono's body cache, where an earlier middleware's read left it.
 */
const honoAdapter: HttpAdapter<Context, Response> = {
  readRequest: (c) =>
    webRequest(c.req.raw, async () => (c.req.raw.bodyUsed ? new Uint8Array(await c.req.arrayBuffer()) : cloneBody(c.req.raw))),
  respond: webResponse,
  readResponse: (response, _request, maxBodyBytes) => readWebResponse(response, maxBodyBytes),
  // hono/jwt's middleware leaves the verified claims here.
  defaultCallerIdentity: (c) => jwtIdentity(c.get('jwtPayload')),
  storeFailureAfterHandler: 'report',
};

/**
 * The Idempotency-Key rules of `makeHttpIdempotent` as a Hono 4 middleware. A replay or a
 * problem is answered before the route runs; otherwise the route runs (`next`), and its
 * response (`c.res`) is stored when final, or the key is freed when the route threw (`c.error`)
 * or the response is not. Use it before the routes it covers, after authentication.
 */
// biome-ignore lint/suspicious/noExplicitAny: Hono's own default for an app's Env
export function idempotency<E extends Env = any>(options: HonoIdempotencyOptions<E>): MiddlewareHandler<E> {
  const lifecycle = new HttpIdempotency(options as HonoIdempotencyOptions, honoAdapter, defaultKeyPrefix('hono'));
  return createMiddleware<E>(async (c, next) => {
    const start = await lifecycle.begin(c as unknown as Context);
    if (start.kind === 'bypass') return next();
    if (start.kind !== 'claimed') return start.response;
    try {
      await next();
    } catch (error) {
      // Hono hands a route's error to app.onError before next() returns; this is one it did not.
      await lifecycle.release(start.claim);
      throw error;
    }
    if (c.error) await lifecycle.release(start.claim);
    else await lifecycle.complete(start.claim, c.res);
  });
}
