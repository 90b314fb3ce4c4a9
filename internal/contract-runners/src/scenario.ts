import { type ContractRunner, persistenceContractChecks } from '@idem/contract';

/** The runners by how they report: Jest 29 and 30 alike, Vitest 3 and 4 alike. */
export type RunnerFamily = 'jest' | 'vitest' | 'node:test';

/**
 * What one test of a scenario must come out as. `runTimeGap`: a guarantee the store cannot be
 * checked for, which the suite sees only once the test runs.
 */
export type Expected = 'passed' | 'todo' | 'failed' | 'runTimeGap';

/** What an entry gives: the runner's own functions, and whether it has global describe and it. */
export interface RunnerKit {
  family: RunnerFamily;
  runner: ContractRunner;
  hasGlobals: boolean;
  beforeAll(hook: () => Promise<void> | void): void;
  afterAll(hook: () => Promise<void> | void): void;
}

/** An outcome as the runners' reports say it. */
export type Outcome = 'passed' | 'failed' | 'todo' | 'skipped';

/**
 * How each runner reports a gap seen at run time: node:test as a todo, Vitest as a skip with the
 * reason, Jest (which cannot mark a running test) as a failure naming the option to declare.
 */
const runTimeGapAs: Record<RunnerFamily, Outcome> = { jest: 'failed', vitest: 'skipped', 'node:test': 'todo' };

export interface Scenario {
  /** The suite's name, as `describePersistenceContract` registers it. */
  readonly suite: string;
  register(kit: RunnerKit): void;
  runsIn(family: RunnerFamily, hasGlobals: boolean): boolean;
  /** The outcome of each guarantee in this runner. */
  expected(family: RunnerFamily): Map<string, Outcome>;
  /** What the failure (or, in Jest, the run-time gap) of a guarantee must say. */
  readonly messages: Record<string, RegExp>;
}

/** A scenario: one registration, its guarantees expected to pass unless `outcomes` says otherwise. */
export function scenario(
  name: string,
  outcomes: Record<string, Expected>,
  register: (kit: RunnerKit, name: string) => void,
  options: { needsGlobals?: boolean; families?: RunnerFamily[]; messages?: Record<string, RegExp> } = {}
): Scenario {
  const guarantees = new Set(persistenceContractChecks.map((check) => check.guarantee));
  for (const guarantee of Object.keys({ ...outcomes, ...options.messages })) {
    if (!guarantees.has(guarantee)) throw new Error(`scenario ${name}: no guarantee ${JSON.stringify(guarantee)}`);
  }
  return {
    suite: `persistence contract: ${name}`,
    register: (kit) => register(kit, name),
    runsIn: (family, hasGlobals) => (options.families ?? [family]).includes(family) && (hasGlobals || !options.needsGlobals),
    expected: (family) =>
      new Map(
        [...guarantees].map((guarantee) => {
          const expected = outcomes[guarantee] ?? 'passed';
          return [guarantee, expected === 'runTimeGap' ? runTimeGapAs[family] : expected];
        })
      ),
    messages: options.messages ?? {},
  };
}
