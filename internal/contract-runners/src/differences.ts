import type { Outcome, RunnerFamily, Scenario } from './scenario.js';

/** One test as a runner reported it. */
export interface ReportedTest {
  suite: string;
  /** The test's name: the guarantee, or for a todo "<guarantee> — not supported by …". */
  name: string;
  outcome: Outcome;
  /** The failure message, or the reason of a skip or todo given at run time. */
  message?: string;
}

/** The guarantee a reported test is about. */
export function guaranteeOf(test: ReportedTest): string {
  return test.name.split(' — not supported by ')[0] ?? test.name;
}

/**
 * Everything in which a runner's report differs from the scenarios it ran: a missing or extra
 * test, another outcome, a message that does not say what it must. Empty when the report holds.
 */
export function differences(family: RunnerFamily, ran: Scenario[], report: ReportedTest[]): string[] {
  const found: string[] = [];
  const bySuite = new Map<string, ReportedTest[]>();
  for (const test of report) bySuite.set(test.suite, [...(bySuite.get(test.suite) ?? []), test]);
  for (const each of ran) {
    const tests = bySuite.get(each.suite) ?? [];
    bySuite.delete(each.suite);
    const expected = each.expected(family);
    const seen = new Set<string>();
    for (const test of tests) {
      const guarantee = guaranteeOf(test);
      const want = expected.get(guarantee);
      if (seen.has(guarantee)) found.push(`${each.suite} › ${guarantee}: reported twice`);
      seen.add(guarantee);
      if (want === undefined) found.push(`${each.suite} › ${test.name}: not a guarantee of the suite`);
      else if (test.outcome !== want) found.push(`${each.suite} › ${guarantee}: ${test.outcome}, expected ${want}${said(test)}`);
      const message = each.messages[guarantee];
      if (message && test.outcome === 'failed' && !message.test(test.message ?? '')) {
        found.push(`${each.suite} › ${guarantee}: the failure does not match ${message}${said(test)}`);
      }
    }
    for (const guarantee of expected.keys()) if (!seen.has(guarantee)) found.push(`${each.suite} › ${guarantee}: not reported`);
  }
  for (const suite of bySuite.keys()) found.push(`${suite}: a suite no scenario registers`);
  return found;
}

function said(test: ReportedTest): string {
  return test.message ? `\n    ${test.message.split('\n')[0]}` : '';
}
