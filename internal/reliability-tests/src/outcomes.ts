/** What one call of an idempotent function gave its caller. */
export type CallOutcome = { key: string; result: string } | { key: string; error: string };

/** Counts of outcomes: results, and errors by class name. */
export interface OutcomeTally {
  calls: number;
  results: number;
  errors: Record<string, number>;
}

/** Runs one call and says what the caller saw: the result, or the name of the error's class. */
export async function outcomeOf(key: string, call: () => Promise<unknown>): Promise<CallOutcome> {
  try {
    const result = await call();
    return { key, result: JSON.stringify(result) };
  } catch (error) {
    return { key, error: errorName(error) };
  }
}

/** The class name of an error, or a description of a thrown non-error. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.constructor.name : `thrown ${typeof error}`;
}

/** Sums outcomes into calls, results and errors by class. */
export function tally(outcomes: ReadonlyArray<CallOutcome>): OutcomeTally {
  const counts: OutcomeTally = { calls: outcomes.length, results: 0, errors: {} };
  for (const outcome of outcomes) {
    if ('result' in outcome) counts.results++;
    else counts.errors[outcome.error] = (counts.errors[outcome.error] ?? 0) + 1;
  }
  return counts;
}
