import { statusPhrase } from '../rules/statusPhrases.js';
import type { ResponseParts } from '../types/frontEnd.js';
import type { HttpResponse } from '../types/http.js';
import type { LambdaHttpRequest } from './readLambdaRequest.js';

/**
 * Shapes a response for the source of the request it answers: ALB wants a status line text and,
 * with multi-value headers on, only `multiValueHeaders`; REST takes repeated headers in
 * `multiValueHeaders`; HTTP APIs and Function URLs take one comma-joined value per header.
 */
export function shapeLambdaResponse(parts: ResponseParts, request: LambdaHttpRequest): HttpResponse {
  const response: HttpResponse = { statusCode: parts.statusCode, body: parts.body ?? '' };
  if (request.source === 'alb') response.statusDescription = `${parts.statusCode} ${statusPhrase(parts.statusCode)}`.trim();

  const entries = Object.entries(parts.headers).filter(([, values]) => values.length > 0);
  if (request.multiValueResponse) {
    response.multiValueHeaders = Object.fromEntries(entries);
  } else if (request.source === 'api-gateway-rest') {
    response.headers = Object.fromEntries(
      entries.filter(([, values]) => values.length === 1).map(([name, values]) => [name, values[0] as string])
    );
    const repeated = entries.filter(([, values]) => values.length > 1);
    if (repeated.length > 0) response.multiValueHeaders = Object.fromEntries(repeated);
  } else {
    response.headers = Object.fromEntries(entries.map(([name, values]) => [name, values.join(', ')]));
  }
  response.isBase64Encoded = parts.isBase64Encoded;
  return response;
}
