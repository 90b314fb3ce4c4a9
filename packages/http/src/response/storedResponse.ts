import { IdempotencyPersistenceConsistencyError } from '@idem/core';
import { replayedHeader } from '../constants.js';
import type { EventJson } from '../request/eventJson.js';
import type { HttpRequest } from '../request/readRequest.js';
import type { HttpResponse, StoredHttpResponse } from '../types/http.js';
import { shapeResponse } from './shapeResponse.js';

/**
 * What a handler's result stores: status, body and the allowlisted headers. A result without a
 * `statusCode` is a response only where API Gateway HTTP APIs and Function URLs infer one (200,
 * JSON); elsewhere it is no HTTP response and returns undefined, which stores nothing.
 */
export function toStoredResponse(
  result: unknown,
  request: HttpRequest,
  replayHeaders: ReadonlySet<string>
): StoredHttpResponse | undefined {
  if (isObject(result) && typeof result.statusCode === 'number') {
    const headers: Record<string, string[]> = {};
    const add = (name: string, value: unknown) => {
      const lower = name.toLowerCase();
      if (!replayHeaders.has(lower) || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean'))
        return;
      const values = headers[lower] ?? [];
      values.push(String(value));
      headers[lower] = values;
    };
    if (isObject(result.headers)) for (const [name, value] of Object.entries(result.headers)) add(name, value);
    if (isObject(result.multiValueHeaders)) {
      for (const [name, values] of Object.entries(result.multiValueHeaders)) {
        if (Array.isArray(values)) for (const value of values) add(name, value);
      }
    }
    const stored: StoredHttpResponse = {
      statusCode: result.statusCode,
      headers,
      isBase64Encoded: result.isBase64Encoded === true,
    };
    if (typeof result.body === 'string') stored.body = result.body;
    return stored;
  }
  if (result === undefined || (request.source !== 'api-gateway-http' && request.source !== 'function-url')) return undefined;
  // The inference HTTP APIs (payload 2.0) and Function URLs apply to a result without statusCode.
  return {
    statusCode: 200,
    headers: replayHeaders.has('content-type') ? { 'content-type': ['application/json'] } : {},
    body: typeof result === 'string' ? result : JSON.stringify(result),
    isBase64Encoded: false,
  };
}

/** The stored response, shaped for the request that repeats it, marked `Idempotent-Replayed: true`. */
export function replayResponse(stored: unknown, request: HttpRequest): HttpResponse {
  if (!isStoredResponse(stored)) {
    throw new IdempotencyPersistenceConsistencyError('The stored record does not hold an HTTP response of @idem/http');
  }
  return shapeResponse(request, {
    statusCode: stored.statusCode,
    headers: { ...stored.headers, [replayedHeader]: ['true'] },
    body: stored.body,
    isBase64Encoded: stored.isBase64Encoded,
  });
}

function isStoredResponse(value: unknown): value is StoredHttpResponse {
  return (
    isObject(value) &&
    typeof value.statusCode === 'number' &&
    isObject(value.headers) &&
    Object.values(value.headers).every((values) => Array.isArray(values) && values.every((v) => typeof v === 'string')) &&
    (value.body === undefined || typeof value.body === 'string') &&
    typeof value.isBase64Encoded === 'boolean'
  );
}

function isObject(value: unknown): value is EventJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
