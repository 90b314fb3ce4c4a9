/**
 * The members of a Middy request that the middleware reads and writes. Middy's own `Request`
 * type (majors 6 and 7) is assignable to it, so `@idem/middy` needs no type from `@middy/core`.
 */
export interface MiddyLikeRequest {
  event: unknown;
  context: unknown;
  response: unknown;
  error: unknown;
  /** Per-request storage shared by the middlewares of one chain. */
  internal: Record<string, unknown>;
  /**
   * Set by a `before` to end the request with this response, `undefined` included: the handler
   * and every later lifecycle function are skipped. Middy 6 introduced it.
   */
  earlyResponse?: unknown;
}

/** A Middy middleware object: what `middy(handler).use(...)` takes. */
export interface MiddlewareLikeObj {
  before: (request: MiddyLikeRequest) => Promise<unknown>;
  after: (request: MiddyLikeRequest) => Promise<void>;
  onError: (request: MiddyLikeRequest) => Promise<void>;
}
