import type { HttpResponse } from '@idem/http';
import { header } from '../events.js';
import type { ScenarioContext } from '../harness.js';

/** One rule, checked the same way through every front end and, on Lambda, on every event source it applies to. */
export interface Scenario {
  name: string;
  appliesTo?: (context: ScenarioContext) => boolean;
  run(context: ScenarioContext): Promise<void>;
}

export const problemOf = (response: HttpResponse) => JSON.parse(response.body ?? '{}') as Record<string, unknown>;

/** Asserts a problem response as a client sees it, and returns its body. */
export function expectProblem(response: HttpResponse, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(header(response, 'content-type')).toBe('application/problem+json');
  expect(header(response, 'cache-control')).toBe('no-store');
  const problem = problemOf(response);
  expect(problem).toEqual({ type: 'about:blank', title: expect.any(String), status, detail: expect.any(String), code });
  return problem;
}
