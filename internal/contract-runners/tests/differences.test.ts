import { persistenceContractChecks } from '@idem/contract';
import { differences, type ReportedTest } from '../src/differences.js';
import { scenario } from '../src/scenario.js';

// The harness's verdict on a runner is `differences`: it must catch every way a report can be
// wrong, or a runner that misreports the suite would pass.

const guarantees = persistenceContractChecks.map((check) => check.guarantee);
const [first, second, third] = guarantees as [string, string, string];
const example = scenario('an example store', { [first]: 'todo', [second]: 'failed', [third]: 'runTimeGap' }, () => {}, {
  messages: { [second]: /names _updateRecord/ },
});
const suite = 'persistence contract: an example store';

/** The report a runner of `family` gives when it reports the scenario exactly. */
function faithful(family: 'jest' | 'vitest' | 'node:test'): ReportedTest[] {
  return [...example.expected(family)].map(([guarantee, outcome]) => ({
    suite,
    name: outcome === 'todo' && guarantee === first ? `${guarantee} — not supported by an example store: a reason` : guarantee,
    outcome,
    message: guarantee === second ? 'it broke: names _updateRecord' : undefined,
  }));
}

describe('differences between a runner report and the scenarios', () => {
  it('finds none in a faithful report, a gap seen at run time being reported the way each runner can', () => {
    for (const family of ['jest', 'vitest', 'node:test'] as const)
      expect(differences(family, [example], faithful(family))).toEqual([]);
    expect(example.expected('jest').get(third)).toBe('failed');
    expect(example.expected('vitest').get(third)).toBe('skipped');
    expect(example.expected('node:test').get(third)).toBe('todo');
  });

  it('names a test with another outcome, a missing one, a duplicate and a suite nobody registered', () => {
    const report = faithful('jest');
    report[3] = { ...report[3]!, outcome: 'passed' === report[3]!.outcome ? 'failed' : 'passed' };
    const missing = report.pop()!;
    report.push({ ...report[4]! }, { suite: 'persistence contract: a stranger', name: first, outcome: 'passed' });
    expect(differences('jest', [example], report)).toEqual([
      `${suite} › ${report[3]!.name}: failed, expected passed`,
      `${suite} › ${report[4]!.name}: reported twice`,
      `${suite} › ${missing.name}: not reported`,
      'persistence contract: a stranger: a suite no scenario registers',
    ]);
  });

  it('names a failure that does not say what it must, and a test that is no guarantee', () => {
    const report = faithful('node:test').map((test) => (test.name === second ? { ...test, message: 'it broke' } : test));
    report.push({ suite, name: 'something else', outcome: 'passed' });
    expect(differences('node:test', [example], report)).toEqual([
      `${suite} › ${second}: the failure does not match /names _updateRecord/\n    it broke`,
      `${suite} › something else: not a guarantee of the suite`,
    ]);
  });

  it('refuses a scenario that names no guarantee of the suite', () => {
    expect(() => scenario('a typo', { 'claim is atomc': 'failed' }, () => {})).toThrow(
      'scenario a typo: no guarantee "claim is atomc"'
    );
  });
});
