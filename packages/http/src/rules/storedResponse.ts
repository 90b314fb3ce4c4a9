import { IdempotencyPersistenceConsistencyError } from '@idem/core';
import type { CapturedResponse, ResponseParts } from '../types/frontEnd.js';
import type { StoredHttpResponse } from '../types/http.js';
import { replayedHeader } from './constants.js';

/** What a whole response stores: its status, body and allowlisted headers (lowercased), never cookies. */
export function toStoredResponse(
  response: Extract<CapturedResponse, { kind: 'response' }>,
  replayHeaders: ReadonlySet<string>
): StoredHttpResponse {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    if (!replayHeaders.has(lower) || values.length === 0) continue;
    headers[lower] = [...(headers[lower] ?? []), ...values];
  }
  const stored: StoredHttpResponse = {
    statusCode: response.statusCode,
    headers,
    isBase64Encoded: response.isBase64Encoded,
  };
  if (response.body !== undefined) stored.body = response.body;
  return stored;
}

/** The stored response, as the parts of a reply marked `Idempotent-Replayed: true`. */
export function replayParts(stored: unknown): ResponseParts {
  if (!isStoredResponse(stored)) {
    throw new IdempotencyPersistenceConsistencyError('The stored record does not hold an HTTP response of @idem/http');
  }
  return {
    statusCode: stored.statusCode,
    headers: { ...stored.headers, [replayedHeader]: ['true'] },
    body: stored.body,
    isBase64Encoded: stored.isBase64Encoded,
  };
}

function isStoredResponse(value: unknown): value is StoredHttpResponse {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.statusCode === 'number' &&
    typeof candidate.headers === 'object' &&
    candidate.headers !== null &&
    !Array.isArray(candidate.headers) &&
    Object.values(candidate.headers).every((values) => Array.isArray(values) && values.every((v) => typeof v === 'string')) &&
    (candidate.body === undefined || typeof candidate.body === 'string') &&
    typeof candidate.isBase64Encoded === 'boolean'
  );
}
