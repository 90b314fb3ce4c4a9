/**
 * Where an HTTP event came from; it decides the shape of the response. `api-gateway-rest` also
 * covers HTTP APIs on payload format 1.0, whose events and responses have the REST shape.
 */
export type HttpEventSource = 'api-gateway-rest' | 'api-gateway-http' | 'function-url' | 'alb';

/** A Lambda proxy response, in the shape every supported event source accepts. */
export interface HttpResponse {
  statusCode: number;
  /** ALB only: the status line's text, e.g. `409 Conflict`. */
  statusDescription?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  /** Always a string, as API Gateway's own response types require; empty when there is none. */
  body: string;
  isBase64Encoded?: boolean;
}

/** What is stored of a final response and replayed: never cookies, only allowlisted headers. */
export interface StoredHttpResponse {
  statusCode: number;
  /** Lowercased names; several values kept in order. */
  headers: Record<string, string[]>;
  body?: string;
  isBase64Encoded: boolean;
}

/** The problem kinds this package answers with (RFC 9457 bodies). */
export type IdempotencyProblemCode =
  | 'idempotency-key-missing'
  | 'idempotency-key-invalid'
  | 'idempotency-key-in-progress'
  | 'idempotency-key-reused';
