import type { ResponseParts } from '../types/frontEnd.js';
import type { IdempotencyProblemCode } from '../types/http.js';
import { statusPhrase } from './statusPhrases.js';

/** One problem this package answers with. */
export interface Problem {
  code: IdempotencyProblemCode;
  status: 400 | 409 | 422;
  /** Title used when the problem type is a documentation URI rather than about:blank. */
  title: string;
  detail: string;
  retryAfterSeconds?: number;
}

/**
 * An `application/problem+json` response (RFC 9457). With the default type `about:blank` the
 * title is the status phrase, as RFC 9457 section 4.2.1 asks; `code` tells the kinds apart
 * either way. Problems are never cached: the same request may succeed on retry.
 */
export function problemResponse(problem: Problem, problemTypeUri: string): ResponseParts {
  const aboutBlank = problemTypeUri === 'about:blank';
  const body = {
    type: problemTypeUri,
    title: aboutBlank ? statusPhrase(problem.status) : problem.title,
    status: problem.status,
    detail: problem.detail,
    code: problem.code,
  };
  const headers: Record<string, string[]> = {
    'Content-Type': ['application/problem+json'],
    'Cache-Control': ['no-store'],
  };
  if (!aboutBlank) headers.Link = [`<${problemTypeUri}>; rel="describedby"`];
  if (problem.retryAfterSeconds !== undefined) headers['Retry-After'] = [String(problem.retryAfterSeconds)];
  return { statusCode: problem.status, headers, body: JSON.stringify(body), isBase64Encoded: false };
}

export const problems = {
  missing: (header: string): Problem => ({
    code: 'idempotency-key-missing',
    status: 400,
    title: `${header} is missing`,
    detail: `This operation requires an ${header} header: send a unique key, and the same key on every retry of the request.`,
  }),
  invalid: (header: string, reason: string): Problem => ({
    code: 'idempotency-key-invalid',
    status: 400,
    title: `${header} is invalid`,
    detail: `The ${header} header is invalid: ${reason}.`,
  }),
  inProgress: (header: string, retryAfterSeconds: number): Problem => ({
    code: 'idempotency-key-in-progress',
    status: 409,
    title: `A request is outstanding for this ${header}`,
    detail: `A request with the same ${header} is still being processed. Retry the same request with the same key after ${retryAfterSeconds} second(s).`,
    retryAfterSeconds,
  }),
  reused: (header: string): Problem => ({
    code: 'idempotency-key-reused',
    status: 422,
    title: `${header} is already used`,
    detail: `This ${header} was used for a request with a different payload. Send a new key for a new request.`,
  }),
};
