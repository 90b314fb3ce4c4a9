import { ContractConfigurationError } from './ContractViolation.js';

/**
 * The test function of a runner, as the suite uses it: Jest's and Vitest's `it` and node:test's
 * `it` all fit. A test body takes no declared parameter (Jest would otherwise wait for a `done`
 * callback); Vitest and node:test pass it their test context all the same.
 */
export interface ContractTestFunction {
  (name: string, body: (...context: unknown[]) => Promise<void>): unknown;
  /** Registers a test that is planned, not run: how the suite reports a guarantee it cannot check. */
  todo(name: string): unknown;
}

/**
 * The runner the suite registers its tests in: `describe` and `it` from `vitest`, `node:test` or
 * `@jest/globals`. The suite needs nothing else from it, so it depends on no runner.
 */
export interface ContractRunner {
  describe(name: string, body: () => void): unknown;
  it: ContractTestFunction;
}

/** The runner given, or the runner's globals (Jest's, Vitest's with `globals: true`). */
export function resolveRunner(runner: ContractRunner | undefined): ContractRunner {
  if (runner !== undefined) {
    assertRunner(runner, 'runner');
    return runner;
  }
  const globals = globalThis as { describe?: unknown; it?: unknown };
  if (typeof globals.describe !== 'function' || typeof globals.it !== 'function') {
    throw new ContractConfigurationError(
      "runner: this test runner has no global describe and it (Vitest without globals: true, node:test); pass runner: { describe, it } from 'vitest' or 'node:test'"
    );
  }
  const found = { describe: globals.describe, it: globals.it } as ContractRunner;
  assertRunner(found, 'the global describe and it');
  return found;
}

function assertRunner(runner: ContractRunner, what: string): void {
  const given = runner as Partial<Record<'describe' | 'it', unknown>> | undefined;
  const todo = (given?.it as { todo?: unknown } | undefined)?.todo;
  if (typeof given?.describe !== 'function' || typeof given.it !== 'function' || typeof todo !== 'function') {
    throw new ContractConfigurationError(
      `${what}: expected { describe, it } of a test runner, with it.todo (Jest, Vitest, node:test), got ${describeValue(runner)}`
    );
  }
}

function describeValue(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  const { describe, it } = value as { describe?: unknown; it?: { todo?: unknown } };
  return `{ describe: ${typeof describe}, it: ${typeof it}, it.todo: ${typeof it?.todo} }`;
}

/** What a runner's test context offers to report a test as not run, once the test is running. */
interface RunTimeReport {
  /** node:test: the test is reported as TODO with the message. */
  todo?: (message: string) => void;
  /** Vitest (and node:test): the test is reported as skipped with the message; Vitest stops the test here. */
  skip?: (message: string) => void;
}

/**
 * Reports, from inside a running test, that its guarantee cannot be checked: as a todo
 * (node:test) or a skip with the reason (Vitest). Returns false when the runner's test context
 * offers neither (Jest passes none): the caller must then fail the test, never let it pass.
 */
export function reportNotCheckedAtRunTime(testContext: unknown, message: string): boolean {
  // Vitest's context is a function (it once stood for `done`), node:test's an object.
  const given = (typeof testContext === 'object' && testContext !== null) || typeof testContext === 'function';
  const report = (given ? testContext : {}) as RunTimeReport;
  if (typeof report.todo === 'function') {
    report.todo(message);
    return true;
  }
  if (typeof report.skip === 'function') {
    report.skip(message);
    return true;
  }
  return false;
}
