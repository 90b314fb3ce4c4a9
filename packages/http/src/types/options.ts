import type { Functions, IdempotencyEventListener, IdempotencyStore } from '@idem/core/types';

/**
 * Who is calling, as a string, or undefined when the caller is anonymous. Keys are scoped by it,
 * so a caller can never replay or block another caller's request with the same key value. It is
 * given what the front end sees of the request: the Lambda event, the Fetch `Request`, the
 * Express or Fastify request, the Hono context.
 */
// biome-ignore lint/suspicious/noExplicitAny: an untyped handler's event
export type CallerIdentity<Event = any> = (event: Event) => string | undefined | null | Promise<string | undefined | null>;

/**
 * Options of every front end of the Idempotency-Key rules: `makeHttpIdempotent`, the Middy
 * `httpIdempotency`, and the Fetch, Express, Fastify and Hono front ends. `Event` is what the
 * front end gives `callerIdentity`.
 */
// biome-ignore lint/suspicious/noExplicitAny: an untyped handler's event
export interface HttpIdempotencyOptions<Event = any> {
  /** Where the records live: any persistence layer (memory, DynamoDB, Redis/Valkey, your own). */
  persistenceStore: IdempotencyStore;
  /**
   * Prefix of every key of this API, so two functions that share a store never share records.
   * Outside Lambda, give one per service whenever services share a store.
   * @default `${AWS_LAMBDA_FUNCTION_NAME}.${handler name}` for `makeHttpIdempotent` and
   * `withIdempotency`; `${AWS_LAMBDA_FUNCTION_NAME}.httpIdempotency` for the Middy middleware,
   * `….express`, `….fastify` and `….hono` for those front ends
   */
  keyPrefix?: string;
  /**
   * HTTP methods that are made idempotent. A request of another method runs as it is, its
   * `Idempotency-Key` ignored: GET, PUT and DELETE are idempotent by definition.
   * @default ['POST', 'PATCH']
   */
  methods?: readonly string[];
  /**
   * Whether a request of one of `methods` without the header is refused with 400. When false,
   * such a request runs without idempotency.
   * @default true
   */
  requireKey?: boolean;
  /** Name of the request header that carries the key, matched case-insensitively. @default 'Idempotency-Key' */
  keyHeader?: string;
  /** Shortest key accepted, in characters; a shorter one gets 400. @default 1 */
  minKeyLength?: number;
  /** Longest key accepted, in characters; a longer one gets 400. @default 255 */
  maxKeyLength?: number;
  /**
   * Characters a key may hold (tested on the key without its quotes); a key that does not match
   * gets 400. Without the `g` or `y` flag, which would make it stateful.
   * @default /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/ (visible ASCII except `"` `,` `;` `\`)
   */
  keyPattern?: RegExp;
  /**
   * Who is calling. Keys are scoped by method, path and this identity. Without an identity all
   * anonymous callers share one key space: one of them could replay another's response by
   * guessing its key, so give one whenever the API authenticates its callers.
   * @default on Lambda, the authorizer's identity when the event carries one: JWT `iss`+`sub`,
   * Cognito claims, Lambda authorizer `principalId`, Cognito identity id, IAM user ARN. On
   * Express, the JWT claims a verifier left in `req.auth` (express-jwt, express-oauth2-jwt-bearer);
   * on Fastify, those in `request.user` (@fastify/jwt); on Hono, `c.get('jwtPayload')` (hono/jwt).
   * With the Fetch front end, none. Anonymous otherwise.
   */
  callerIdentity?: CallerIdentity<Event>;
  /**
   * JMESPath selection of the JSON request body that is the request's fingerprint; a reused key
   * whose fingerprint differs gets 422. A body that is not JSON is fingerprinted whole.
   * @default undefined (the whole body, byte for byte, after base64 decoding)
   */
  fingerprintJmesPath?: string;
  /** Custom JMESPath functions for `fingerprintJmesPath`. @default {} */
  jmesPathOptions?: Functions;
  /**
   * Which outcomes are final and replayed. Any other status releases the key, so the client can
   * retry it; a thrown error always releases the key.
   * @default status < 500, except 408, 425 and 429 (which ask the client to try again)
   */
  shouldStore?: (statusCode: number) => boolean;
  /**
   * Response headers stored and replayed, case-insensitive. `Set-Cookie` is never replayed and
   * is refused here.
   * @default ['cache-control', 'content-encoding', 'content-language', 'content-location',
   * 'content-type', 'etag', 'last-modified', 'location']
   */
  replayHeaders?: readonly string[];
  /** `Retry-After` of the 409 sent while the same key is still in progress, in seconds. @default 1 */
  retryAfterSeconds?: number;
  /**
   * `type` of the problem responses (RFC 9457): a URI of the API's documentation of its
   * idempotency rules, also sent as `Link: <uri>; rel="describedby"`.
   * @default 'about:blank' (the title is then the status phrase)
   */
  problemTypeUri?: string;
  /** Seconds a stored response replays; the key can be used again afterwards. @default 86400 */
  expiresAfterSeconds?: number;
  /**
   * Seconds a claim blocks its key when no Lambda context tells the remaining time (always, on
   * a server): a request that crashed the process frees its key after this long.
   * @default 60
   */
  inProgressExpiresAfterSeconds?: number;
  /**
   * Largest response body stored, in bytes (after base64 decoding). A larger body, or one that
   * is streamed, is sent as it is but not stored: its key is released and a `responseNotStored`
   * event is emitted, so a retry runs the handler again rather than replay part of a body.
   * @default 262144 (256 KiB: base64 and the record's other fields still fit DynamoDB's 400 KB item)
   */
  maxStoredBodyBytes?: number;
  /**
   * Receives every event of every request: core's (`claimed`, `replayed`, `storeError`, ...) and
   * `responseNotStored`. Without a listener, `responseNotStored` is written to `console.warn` as
   * one JSON line. @default undefined
   */
  onEvent?: IdempotencyEventListener;
  /** Any hash algorithm of `node:crypto`; keys are client-chosen, so keep it collision-resistant. @default 'sha256' */
  hashFunction?: string;
  /** Keep stored responses in process so replays cost no store round trip. @default false */
  useLocalCache?: boolean;
  /** Number of responses the local cache keeps. @default 1000 */
  maxLocalCacheSize?: number;
}
