import { IdempotencyHttpEventError } from '../errors.js';
import type { HttpRequest } from '../types/frontEnd.js';
import type { HttpEventSource } from '../types/http.js';
import type { EventJson } from './eventJson.js';

/** A Lambda HTTP event as the rules read it, with what its response shape depends on. */
export interface LambdaHttpRequest extends HttpRequest {
  source: HttpEventSource;
  /** ALB with multi-value headers on expects `multiValueHeaders` in the response. */
  multiValueResponse: boolean;
}

/** Reads an API Gateway (REST, HTTP API v1 and v2 payloads), Function URL or ALB event. */
export function readLambdaRequest(event: unknown): LambdaHttpRequest {
  if (typeof event !== 'object' || event === null) {
    throw new IdempotencyHttpEventError('The event is not an HTTP request event: expected an object');
  }
  const e = event as EventJson;
  const context = (e.requestContext ?? {}) as EventJson;
  const base = {
    headerValues: headerLookup(e.headers, e.multiValueHeaders),
    readBody: () => eventBody(e),
  };
  if (context.elb) {
    return {
      ...base,
      source: 'alb',
      method: upper(e.httpMethod),
      path: text(e.path),
      multiValueResponse: isObject(e.multiValueHeaders),
    };
  }
  if (e.version === '2.0' && isObject(context.http)) {
    const source =
      typeof context.domainName === 'string' && context.domainName.includes('.lambda-url.') ? 'function-url' : 'api-gateway-http';
    return {
      ...base,
      source,
      method: upper(context.http.method),
      path: text(e.rawPath ?? context.http.path),
      multiValueResponse: false,
    };
  }
  if (typeof e.httpMethod === 'string' && isObject(e.requestContext)) {
    return { ...base, source: 'api-gateway-rest', method: upper(e.httpMethod), path: text(e.path), multiValueResponse: false };
  }
  throw new IdempotencyHttpEventError(
    'The event is not an HTTP request of API Gateway (REST or HTTP API), a Lambda Function URL or an ALB'
  );
}

/**
 * The body as the handler gets it: base64 decoded to bytes, or text; a value a parser middleware
 * put in its place stays as it is.
 */
function eventBody(event: EventJson): unknown {
  const body: unknown = event.body ?? undefined;
  return typeof body === 'string' && event.isBase64Encoded === true ? Buffer.from(body, 'base64') : body;
}

/**
 * `multiValueHeaders` (REST, ALB with multi-value on) holds every value; `headers` holds only the
 * last one there, so it is read only for names that `multiValueHeaders` lacks.
 */
function headerLookup(headers: unknown, multiValueHeaders: unknown): (name: string) => string[] {
  return (name) => {
    const wanted = name.toLowerCase();
    const values: string[] = [];
    if (isObject(multiValueHeaders)) {
      for (const [key, list] of Object.entries(multiValueHeaders)) {
        if (key.toLowerCase() === wanted && Array.isArray(list))
          values.push(...list.filter((v): v is string => typeof v === 'string'));
      }
      if (values.length > 0) return values;
    }
    if (isObject(headers)) {
      for (const [key, value] of Object.entries(headers)) {
        if (key.toLowerCase() === wanted && typeof value === 'string') values.push(value);
      }
    }
    return values;
  };
}

function isObject(value: unknown): value is EventJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function upper(value: unknown): string {
  return typeof value === 'string' ? value.toUpperCase() : '';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
