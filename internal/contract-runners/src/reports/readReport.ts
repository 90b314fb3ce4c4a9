import { readFileSync } from 'node:fs';
import type { ReportedTest } from '../differences.js';
import type { Outcome, RunnerFamily } from '../scenario.js';

/** One test as Jest's `--json` and Vitest's `json` reporter write it (Vitest keeps Jest's shape). */
interface JsonAssertion {
  ancestorTitles: string[];
  title: string;
  status: string;
  failureMessages?: string[];
}

const jsonOutcomes: Record<string, Outcome> = {
  passed: 'passed',
  failed: 'failed',
  todo: 'todo',
  skipped: 'skipped',
  pending: 'skipped',
};

/** The tests of a runner's report file, each with the suite it was registered in. */
export function readReport(family: RunnerFamily, file: string): ReportedTest[] {
  const text = readFileSync(file, 'utf8');
  if (family === 'node:test') {
    // src/reports/nodeTestReporter.mjs wrote one test per line.
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ReportedTest);
  }
  const report = JSON.parse(text) as { testResults: Array<{ assertionResults: JsonAssertion[]; message?: string }> };
  return report.testResults.flatMap((file) =>
    file.assertionResults.map((test) => ({
      suite: test.ancestorTitles.join(' › '),
      name: test.title,
      outcome: jsonOutcomes[test.status] ?? (test.status as Outcome),
      // A failure message is the error's stack: its first line starts with the error's name.
      message: test.failureMessages?.join('\n').replace(/^\w+(Error|Violation): /, ''),
    }))
  );
}
