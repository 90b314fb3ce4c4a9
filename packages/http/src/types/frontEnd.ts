import type { CallerIdentity } from './options.js';

/**
 * A request as the Idempotency-Key rules read it, whatever front end it came through. A front
 * end builds one per request; the body is read only for requests the rules make idempotent.
 */
export interface HttpRequest {
  /** Upper case. */
  method: string;
  /** The request's path, without the query string. */
  path: string;
  /** Every value of a header, its name matched case-insensitively; repeated field lines kept apart where the front end can. */
  headerValues(name: string): string[];
  /**
   * The body as the route will see it: raw bytes (a `Uint8Array`), text (a string, read as
   * UTF-8), a value a body parser made (fingerprinted as canonical JSON), or `undefined`, `null`
   * or `''` when there is none. It may throw an `IdempotencyHttpEventError` when the body cannot
   * be known (an Express body no parser read).
   */
  readBody(): unknown;
}

/** A response the rules send: a replay or a problem, before the front end writes it in its own shape. */
export interface ResponseParts {
  statusCode: number;
  /** Header names as they should be sent; several values kept in order. */
  headers: Record<string, string[]>;
  /** The body as text, or as base64 when `isBase64Encoded`; none when undefined. */
  body?: string;
  isBase64Encoded: boolean;
}

/** Why a front end could not keep a response whole: then it is not stored and its key is released. */
export type NotStoredReason = 'streamed' | 'tooLarge';

/** What a front end saw of the response its handler or route produced. */
export type CapturedResponse =
  /** A whole response: its status, every header (any case, several values in order), its body. */
  | { kind: 'response'; statusCode: number; headers: Record<string, string[]>; body?: string; isBase64Encoded: boolean }
  /** A response whose body was streamed or over `maxStoredBodyBytes`: it went out as it was, and is not stored. */
  | { kind: 'notStored'; statusCode: number; reason: NotStoredReason }
  /** The handler's result is no HTTP response of this front end: nothing is stored. */
  | { kind: 'none' };

/**
 * One front end's translation between its framework and the rules: how it reads a request and a
 * response, and how it writes the rules' own answers. `HttpIdempotency` is built over one; the
 * Lambda wrapper, the Middy middleware and the Fetch, Express, Fastify and Hono front ends are
 * these translations and nothing else.
 */
export interface HttpAdapter<Input, Response, Request extends HttpRequest = HttpRequest> {
  /** Reads the request's method, path and headers (and, lazily, its body). */
  readRequest(input: Input): Request;
  /** Writes a replay or a problem in the front end's response shape. */
  respond(parts: ResponseParts, request: Request): Response;
  /**
   * Reads what the handler produced. `maxBodyBytes` lets a front end stop buffering a body that
   * will not be stored anyway.
   */
  readResponse(result: unknown, request: Request, maxBodyBytes: number): CapturedResponse | Promise<CapturedResponse>;
  /** The caller identity when the options give none; anonymous (undefined) when the framework has no standard one. */
  defaultCallerIdentity: CallerIdentity<Input>;
  /**
   * What happens when storing a response fails after the handler ran: `throw` (Lambda: the
   * error is the invocation's outcome) or `report` (servers: the response is sent anyway, and a
   * `responseNotStored` event says why it was not stored).
   */
  storeFailureAfterHandler: 'throw' | 'report';
}
