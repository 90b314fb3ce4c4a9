import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { differences } from './differences.js';
import { readReport } from './reports/readReport.js';
import type { Outcome, RunnerFamily } from './scenario.js';
import { scenarios } from './scenarios.js';

// Runs the contract suite's scenarios (src/scenarios.ts) in every runner it supports, each as
// its users run it, and holds every runner's report against what each test must come out as.
// Exits non-zero if any runner differs, or did not run.

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = mkdtempSync(join(tmpdir(), 'idem-contract-runners-'));

interface Runner {
  id: string;
  family: RunnerFamily;
  /** The package whose version this runner is, and the major version it must be. */
  version: () => string;
  major: number;
  args(reportFile: string): string[];
}

const versionOf = (folder: string) => () =>
  (JSON.parse(readFileSync(join(packageDir, 'node_modules', folder, 'package.json'), 'utf8')) as { version: string }).version;

const jest = (folder: string) => (reportFile: string) => [
  join(packageDir, 'node_modules', folder, 'bin/jest.js'),
  ...['--config', 'jest.config.cjs', '--silent', '--json', '--outputFile', reportFile],
];
const vitest = (folder: string) => (reportFile: string) => [
  join(packageDir, 'node_modules', folder, 'vitest.mjs'),
  ...['run', '--config', 'vitest.config.mjs', '--silent', '--reporter=json', `--outputFile=${reportFile}`],
];

const runners: Runner[] = [
  { id: 'Jest 29', family: 'jest', version: versionOf('jest29'), major: 29, args: jest('jest29') },
  { id: 'Jest 30', family: 'jest', version: versionOf('jest'), major: 30, args: jest('jest') },
  { id: 'Vitest 3', family: 'vitest', version: versionOf('vitest3'), major: 3, args: vitest('vitest3') },
  { id: 'Vitest 4', family: 'vitest', version: versionOf('vitest'), major: 4, args: vitest('vitest') },
  {
    id: 'node:test',
    family: 'node:test',
    version: () => process.versions.node,
    major: 20,
    args: (reportFile) => [
      ...['--import', 'tsx', '--test', '--test-reporter', './src/reports/nodeTestReporter.mjs'],
      ...['--test-reporter-destination', reportFile, 'src/entries/nodeTest.test.ts'],
    ],
  },
];

interface Result {
  runner: Runner;
  problems: string[];
  counts: Map<Outcome, number>;
  seconds: number;
  output: string;
}

/** Runs one runner; its exit code is not the verdict (broken stores fail on purpose), its report is. */
function run(runner: Runner, index: number): Promise<Result> {
  const reportFile = join(reports, `${index}.report`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, runner.args(reportFile), {
      cwd: packageDir,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('close', () => {
      const problems: string[] = [];
      const counts = new Map<Outcome, number>();
      const version = runner.version();
      if (
        Number(version.split('.')[0]) < runner.major ||
        (runner.family !== 'node:test' && !version.startsWith(`${runner.major}.`))
      ) {
        problems.push(`is version ${version}, not ${runner.major}`);
      }
      try {
        const report = readReport(runner.family, reportFile);
        for (const test of report) counts.set(test.outcome, (counts.get(test.outcome) ?? 0) + 1);
        const ran = scenarios.filter((each) => each.runsIn(runner.family, runner.family !== 'node:test'));
        problems.push(...differences(runner.family, ran, report));
      } catch (error) {
        problems.push(`wrote no readable report: ${error instanceof Error ? error.message : String(error)}`);
      }
      resolve({ runner, problems, counts, seconds: (performance.now() - started) / 1000, output });
    });
  });
}

/** Two at a time: the machine's cores, and each runner spreads its own work no further. */
async function runAll(parallel = 2): Promise<Result[]> {
  const results: Result[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < runners.length) {
        const index = next++;
        results[index] = await run(runners[index] as Runner, index);
      }
    })
  );
  return results;
}

const results = await runAll();
rmSync(reports, { recursive: true, force: true });
for (const { runner, problems, counts, seconds, output } of results) {
  const tally = ['passed', 'todo', 'skipped', 'failed']
    .map((outcome) => `${counts.get(outcome as Outcome) ?? 0} ${outcome}`)
    .join(', ');
  const verdict = problems.length === 0 ? 'as expected' : `${problems.length} differences`;
  console.log(
    `${problems.length === 0 ? 'ok  ' : 'FAIL'} ${runner.id} (${runner.version()}): ${tally}; ${verdict} (${seconds.toFixed(1)} s)`
  );
  if (problems.length > 0)
    console.log(`${problems.map((problem) => `  - ${problem}`).join('\n')}\n  output:\n${output.slice(-4000)}`);
}
const failed = results.filter((result) => result.problems.length > 0).length;
console.log(`contract runners: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
