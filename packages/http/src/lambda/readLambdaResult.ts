import type { CapturedResponse } from '../types/frontEnd.js';
import type { EventJson } from './eventJson.js';
import type { LambdaHttpRequest } from './readLambdaRequest.js';

/**
 * What a Lambda handler's result is as a response. A result without a `statusCode` is a
 * response only where API Gateway HTTP APIs and Function URLs infer one (200, JSON); elsewhere
 * it is no HTTP response, and nothing is stored.
 */
export function readLambdaResult(result: unknown, request: LambdaHttpRequest): CapturedResponse {
  if (isObject(result) && typeof result.statusCode === 'number') {
    const headers: Record<string, string[]> = {};
    const add = (name: string, value: unknown) => {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return;
      const values = headers[name] ?? [];
      values.push(String(value));
      headers[name] = values;
    };
    if (isObject(result.headers)) for (const [name, value] of Object.entries(result.headers)) add(name, value);
    if (isObject(result.multiValueHeaders)) {
      for (const [name, values] of Object.entries(result.multiValueHeaders)) {
        if (Array.isArray(values)) for (const value of values) add(name, value);
      }
    }
    return {
      kind: 'response',
      statusCode: result.statusCode,
      headers,
      body: typeof result.body === 'string' ? result.body : undefined,
      isBase64Encoded: result.isBase64Encoded === true,
    };
  }
  if (result === undefined || (request.source !== 'api-gateway-http' && request.source !== 'function-url')) {
    return { kind: 'none' };
  }
  // The inference HTTP APIs (payload 2.0) and Function URLs apply to a result without statusCode.
  return {
    kind: 'response',
    statusCode: 200,
    headers: { 'content-type': ['application/json'] },
    body: typeof result === 'string' ? result : JSON.stringify(result),
    isBase64Encoded: false,
  };
}

function isObject(value: unknown): value is EventJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
