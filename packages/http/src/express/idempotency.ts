import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultKeyPrefix } from '@idem/core';
import { IdempotencyHttpEventError } from '../errors.js';
import { type NodeResponse, nodeHeaderValues, pathOf, readNodeResponse } from '../node/nodeMessages.js';
import { decodeBody } from '../rules/bodyEncoding.js';
import { HttpIdempotency } from '../rules/HttpIdempotency.js';
import { jwtIdentity } from '../rules/jwtIdentity.js';
import type { HttpAdapter, ResponseParts } from '../types/frontEnd.js';
import type { HttpIdempotencyOptions } from '../types/options.js';
import { captureResponse } from './captureResponse.js';

/**
 * An Express request as the middleware reads it: Node's request and the members Express (or a
 * middleware before this one) adds. Express 4's and 5's `Request` are assignable to it, so this
 * package needs no types of Express.
 */
export type ExpressLikeRequest = IncomingMessage & ExpressRequestMembers;

/** The members of an Express request, beyond Node's, that the middleware reads. */
export interface ExpressRequestMembers {
  /** What the body parser mounted before the middleware made of the body. */
  // biome-ignore lint/suspicious/noExplicitAny: Express's own type for it, so that mounting this middleware on a route leaves its handlers' req.body as Express types it
  body?: any;
  /** The URL as the client sent it, whatever router the middleware is mounted on. */
  originalUrl?: string;
  /** The claims a JWT verifier accepted (express-jwt: the payload; express-oauth2-jwt-bearer: `{ payload }`). */
  auth?: unknown;
}

/** Options of the Express middleware: `callerIdentity` is given the request. */
export type ExpressIdempotencyOptions<Req extends ExpressLikeRequest = ExpressLikeRequest> = HttpIdempotencyOptions<Req>;

/** An Express (or Connect) middleware. */
export type ExpressIdempotencyMiddleware<Req extends ExpressLikeRequest = ExpressLikeRequest> = (
  req: Req,
  res: ServerResponse,
  next: (error?: unknown) => void
) => void;

/**
 * Express's request as the body parsers left it, and the route's response as `captureResponse`
 * saw it. A request that carries a body no parser read cannot be fingerprinted, and is refused
 * with an error rather than taken for any other request under the same key.
 */
const expressAdapter: HttpAdapter<ExpressLikeRequest, ResponseParts> = {
  readRequest: (req) => ({
    method: (req.method ?? '').toUpperCase(),
    path: pathOf(req.originalUrl ?? req.url),
    headerValues: nodeHeaderValues(req),
    readBody: () => parsedBody(req),
  }),
  respond: (parts) => parts,
  readResponse: (response) => readNodeResponse(response as NodeResponse),
  defaultCallerIdentity: (req) => {
    const auth = req.auth as { payload?: unknown } | undefined;
    return jwtIdentity(auth?.payload ?? auth);
  },
  storeFailureAfterHandler: 'report',
};

/**
 * The Idempotency-Key rules of `makeHttpIdempotent` as an Express 4 or 5 middleware. A replay or
 * a problem is answered before the route runs; otherwise the route runs and the response it
 * sends is stored when final, or its key freed. Mount it after the body parser and the
 * authentication of the routes it covers, before the routes.
 */
export function idempotency<Req extends ExpressLikeRequest = ExpressLikeRequest>(
  options: ExpressIdempotencyOptions<Req>
): ExpressIdempotencyMiddleware<Req> {
  const lifecycle = new HttpIdempotency(options as ExpressIdempotencyOptions, expressAdapter, defaultKeyPrefix('express'));
  return function idempotencyMiddleware(req, res, next) {
    lifecycle
      .begin(req)
      .then((start) => {
        if (start.kind === 'bypass') return next();
        if (start.kind !== 'claimed') return send(res, start.response);
        captureResponse(res, (response) => lifecycle.complete(start.claim, response));
        next();
      })
      .catch(next);
  };
}

function parsedBody(req: ExpressLikeRequest): unknown {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (hasBody && (req.body === undefined || !req.readableEnded)) {
    throw new IdempotencyHttpEventError(
      `The body of ${req.method} ${pathOf(req.originalUrl ?? req.url)} was not read by a body parser, so it cannot be ` +
        'fingerprinted: mount express.json(), express.text() or express.raw() for its content type before idempotency()'
    );
  }
  return req.body;
}

// The statuses whose responses have no body.
const nullBodyStatuses = new Set([204, 304]);

function send(res: ServerResponse, parts: ResponseParts): void {
  res.statusCode = parts.statusCode;
  for (const [name, values] of Object.entries(parts.headers))
    res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
  res.end(nullBodyStatuses.has(parts.statusCode) ? undefined : decodeBody(parts));
}
