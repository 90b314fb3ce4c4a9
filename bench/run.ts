import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBenchmarkResults } from './src/benchmarksDoc.js';
import { machineInfo } from './src/machine.js';
import { measure, type MeasureOptions, type Measurement } from './src/measure.js';
import { type ComparisonRow, formatMarkdown, formatTable } from './src/report.js';
import { scenarios } from './src/scenarios.js';
import { median } from './src/stats.js';
import type { Library } from './src/targets/ScenarioTarget.js';
import { targetPairs } from './src/targets/index.js';

const usage = `pnpm bench [options]
  --rounds N         rounds per scenario (default 3)
  --warmup-ms N      warm-up per measurement (default 300)
  --measure-ms N     timed run of repeats per measurement (default 1000)
  --unique-calls N   timed calls of unique payloads per measurement (default 30000)
  --scenario ID      only this scenario (repeatable): ${scenarios.map((s) => s.id).join(', ')}
  --library NAME     only idem or powertools, for profiling; prints rates, writes nothing
  --no-write         do not rewrite docs/benchmarks.md`;

const { values } = parseArgs({
  // `pnpm bench -- --rounds 5` passes the `--` on; what follows it still counts as options.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    rounds: { type: 'string', default: '3' },
    'warmup-ms': { type: 'string', default: '300' },
    'measure-ms': { type: 'string', default: '1000' },
    'unique-calls': { type: 'string', default: '30000' },
    scenario: { type: 'string', multiple: true },
    library: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const rounds = Number(values.rounds);
const options: MeasureOptions = {
  warmupMs: Number(values['warmup-ms']),
  measureMs: Number(values['measure-ms']),
  uniqueCalls: Number(values['unique-calls']),
};
const onlyLibrary = values.library as Library | undefined;
const selected = scenarios.filter((scenario) => !values.scenario || values.scenario.includes(scenario.id));
const positive = (value: number) => Number.isFinite(value) && value > 0;
if (
  !(Number.isInteger(rounds) && rounds >= 1) ||
  !Object.values(options).every(positive) ||
  selected.length === 0 ||
  (onlyLibrary && onlyLibrary !== 'idem' && onlyLibrary !== 'powertools')
) {
  console.error(usage);
  process.exit(2);
}
if (!(globalThis as { gc?: unknown }).gc) console.warn('Run node with --expose-gc so each timed run starts after a full collection.');

const rows: ComparisonRow[] = [];
for (const pair of targetPairs) {
  for (const scenario of selected) {
    const measurements: Record<Library, Measurement[]> = { idem: [], powertools: [] };
    for (let round = 0; round < rounds; round++) {
      // Alternating who goes first spreads drift (heat, other load) over both libraries.
      const order = round % 2 === 0 ? [pair.idem, pair.powertools] : [pair.powertools, pair.idem];
      for (const target of order) {
        if (onlyLibrary && target.library !== onlyLibrary) continue;
        const measurement = await measure(target, scenario, options);
        measurements[target.library].push(measurement);
        console.error(
          `${pair.store} · ${scenario.id} · round ${round + 1} · ${target.library}: ` +
            `${Math.round(measurement.callsPerSecond)} calls/s, ${Math.round(measurement.callsPerCpuSecond)} per CPU-second`
        );
      }
    }
    if (onlyLibrary) continue;
    const medianOf = (library: Library, rate: 'callsPerSecond' | 'callsPerCpuSecond') =>
      median(measurements[library].map((measurement) => measurement[rate]));
    rows.push({
      store: pair.store,
      scenario: scenario.title,
      idemCallsPerSecond: medianOf('idem', 'callsPerSecond'),
      powertoolsCallsPerSecond: medianOf('powertools', 'callsPerSecond'),
      cpuRatio: medianOf('idem', 'callsPerCpuSecond') / medianOf('powertools', 'callsPerCpuSecond'),
      roundRatios: measurements.idem.map(
        (measurement, round) => measurement.callsPerSecond / (measurements.powertools[round] as Measurement).callsPerSecond
      ),
      targetRatio: pair.targetRatio,
    });
  }
}

if (!onlyLibrary) {
  console.log(`\n${formatTable(rows)}`);
  if (!values['no-write']) {
    const docPath = join(fileURLToPath(new URL('..', import.meta.url)), 'docs', 'benchmarks.md');
    writeBenchmarkResults(docPath, formatMarkdown(rows, machineInfo(), { rounds, ...options }, new Date()));
    console.log(`\nWritten to ${docPath}`);
  }
}
