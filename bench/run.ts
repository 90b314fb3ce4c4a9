import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBenchmarkResults } from './src/benchmarksDoc.js';
import { writeBenchmarkChart } from './src/chart.js';
import { type ColdStartResult, measureColdStarts } from './src/coldStart/coldStart.js';
import { machineInfo } from './src/machine.js';
import { type Measurement, type MeasureOptions, measure } from './src/measure.js';
import { type FootprintSample, measureLocalCacheFootprint } from './src/memoryFootprint.js';
import { countOperations } from './src/operationCounts.js';
import { type ComparisonRow, formatMarkdown, formatTable } from './src/report.js';
import { scenarioIds } from './src/scenarios.js';
import { median } from './src/stats.js';
import { storeBenches } from './src/targets/index.js';
import type { Library, ScenarioTarget } from './src/targets/ScenarioTarget.js';
import type { OperationCount } from './src/targets/StoreBench.js';

// The AWS SDK warns on load that its releases from 2027 need Node 22: noise in the bench's output.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (!warning.message.includes('NodeVersionSupportWarning') && warning.name !== 'NodeVersionSupportWarning')
    console.warn(warning);
});

const sections = ['throughput', 'counts', 'cold-start', 'memory'] as const;
const usage = `pnpm bench [options]
  --rounds N         rounds per scenario (default 3)
  --warmup-ms N      warm-up per measurement (default 300)
  --measure-ms N     timed run of repeats per measurement (default 1000)
  --store NAME       only this store (repeatable): ${storeBenches.map((bench) => bench.store).join(', ')}
  --scenario ID      only this scenario (repeatable): ${scenarioIds.join(', ')}
  --only SECTION     only this section (repeatable): ${sections.join(', ')}
  --library NAME     only idem or powertools, for profiling; prints rates, writes nothing
  --no-write         do not rewrite docs/benchmarks.md and docs/benchmarks.svg`;

const { values } = parseArgs({
  // `pnpm bench -- --rounds 5` passes the `--` on; what follows it still counts as options.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    rounds: { type: 'string', default: '3' },
    'warmup-ms': { type: 'string', default: '300' },
    'measure-ms': { type: 'string', default: '1000' },
    store: { type: 'string', multiple: true },
    scenario: { type: 'string', multiple: true },
    only: { type: 'string', multiple: true },
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
const warmupMs = Number(values['warmup-ms']);
const measureMs = Number(values['measure-ms']);
const onlyLibrary = values.library as Library | undefined;
const benches = storeBenches.filter((bench) => !values.store || values.store.includes(bench.store));
const wanted = (section: (typeof sections)[number]) => !values.only || values.only.includes(section);
const positive = (value: number) => Number.isFinite(value) && value > 0;
if (
  !(Number.isInteger(rounds) && rounds >= 1) ||
  !positive(warmupMs) ||
  !positive(measureMs) ||
  benches.length === 0 ||
  (values.scenario ?? []).some((id) => !scenarioIds.includes(id)) ||
  (values.only ?? []).some((section) => !(sections as readonly string[]).includes(section)) ||
  (onlyLibrary && onlyLibrary !== 'idem' && onlyLibrary !== 'powertools')
) {
  console.error(usage);
  process.exit(2);
}
if (!(globalThis as { gc?: unknown }).gc)
  console.warn('Run node with --expose-gc so each timed run starts after a full collection.');

const started = Date.now();
const rows: ComparisonRow[] = [];
const counts: OperationCount[] = [];
for (const bench of benches) {
  const store = await bench.start();
  try {
    const powertools = store.targets.find((target) => target.library === 'powertools') as ScenarioTarget;
    const floor = store.targets.find((target) => target.library === 'floor');
    const targets = store.targets.filter((target) => !onlyLibrary || target.library === onlyLibrary);
    const options: MeasureOptions = {
      warmupMs,
      measureMs,
      uniqueCalls: bench.uniqueCalls,
      uniqueWarmupCalls: bench.uniqueWarmupCalls,
    };
    const scenarios = wanted('throughput')
      ? bench.scenarios.filter(({ scenario }) => !values.scenario || values.scenario.includes(scenario.id))
      : [];
    for (const { scenario, targetRatio, targetClients } of scenarios) {
      const measurements = new Map<ScenarioTarget, Measurement[]>(targets.map((target) => [target, []]));
      for (let round = 0; round < rounds; round++) {
        // Rotating who goes first spreads drift (heat, other load) over every target.
        const order = targets.map((_, index) => targets[(index + round) % targets.length] as ScenarioTarget);
        for (const target of order) {
          const measurement = await measure(target, scenario, options);
          measurements.get(target)?.push(measurement);
          console.error(
            `${bench.store} · ${scenario.id} · round ${round + 1} · ${target.library}${target.client ? ` (${target.client})` : ''}: ` +
              `${Math.round(measurement.callsPerSecond)} calls/s, ${Math.round(measurement.callsPerCpuSecond)} per CPU-second`
          );
        }
      }
      if (onlyLibrary) continue;
      const medianOf = (target: ScenarioTarget, rate: 'callsPerSecond' | 'callsPerCpuSecond') =>
        median((measurements.get(target) as Measurement[]).map((measurement) => measurement[rate]));
      const powertoolsRounds = measurements.get(powertools) as Measurement[];
      for (const idem of targets.filter((target) => target.library === 'idem')) {
        rows.push({
          store: bench.store,
          clients: idem.client ? `${idem.client} / ${powertools.client}` : '',
          scenario: scenario.title,
          idemCallsPerSecond: medianOf(idem, 'callsPerSecond'),
          powertoolsCallsPerSecond: medianOf(powertools, 'callsPerSecond'),
          cpuRatio: medianOf(idem, 'callsPerCpuSecond') / medianOf(powertools, 'callsPerCpuSecond'),
          roundRatios: (measurements.get(idem) as Measurement[]).map(
            (measurement, round) => measurement.callsPerSecond / (powertoolsRounds[round] as Measurement).callsPerSecond
          ),
          floorCallsPerSecond: floor && measurements.has(floor) ? medianOf(floor, 'callsPerSecond') : undefined,
          targetRatio: !targetClients || targetClients.includes(idem.client) ? targetRatio : undefined,
        });
      }
    }
    if (wanted('counts') && !onlyLibrary && store.operation) {
      console.error(`${bench.store} · counting ${store.operation} per call`);
      counts.push(...(await countOperations(bench.store, store)));
    }
  } finally {
    await store.stop();
  }
}
if (onlyLibrary) process.exit(0);

let coldStarts: ColdStartResult[] = [];
if (wanted('cold-start')) {
  console.error('cold start: bundling and timing whole processes');
  coldStarts = await measureColdStarts();
}
let footprint: FootprintSample[] = [];
if (wanted('memory')) {
  console.error('memory: one million unique keys through a local cache of 1000 entries');
  footprint = await measureLocalCacheFootprint();
}

const report = { rows, counts, coldStarts, footprint };
console.log(`\n${formatTable(report)}`);
console.error(`\nBench took ${Math.round((Date.now() - started) / 1000)} s`);
if (!values['no-write']) {
  const docs = join(fileURLToPath(new URL('..', import.meta.url)), 'docs');
  writeBenchmarkChart(join(docs, 'benchmarks.svg'), report);
  writeBenchmarkResults(
    join(docs, 'benchmarks.md'),
    formatMarkdown(
      report,
      machineInfo(),
      {
        rounds,
        warmupMs,
        measureMs,
        uniqueCalls: benches.map((bench) => [bench.store, bench.uniqueWarmupCalls, bench.uniqueCalls]),
      },
      new Date()
    )
  );
  console.log(`\nWritten to ${docs}/benchmarks.md and benchmarks.svg`);
}
