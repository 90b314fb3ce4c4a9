import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBenchmarkResults } from './src/benchmarksDoc.js';
import { machineInfo } from './src/machine.js';
import { measure, type MeasureOptions } from './src/measure.js';
import { type ComparisonRow, formatMarkdown, formatTable } from './src/report.js';
import { scenarios } from './src/scenarios.js';
import { median } from './src/stats.js';
import type { Library } from './src/targets/ScenarioTarget.js';
import { targetPairs } from './src/targets/index.js';

const usage = `pnpm bench [-- options]
  --rounds N         rounds per scenario (default 3)
  --warmup-ms N      warm-up per measurement (default 300)
  --measure-ms N     timed run per measurement (default 1000)
  --scenario ID      only this scenario (repeatable): ${scenarios.map((s) => s.id).join(', ')}
  --library NAME     only idem or powertools, for profiling; prints rates, writes nothing
  --no-write         do not rewrite docs/benchmarks.md`;

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    'warmup-ms': { type: 'string', default: '300' },
    'measure-ms': { type: 'string', default: '1000' },
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
const options: MeasureOptions = { warmupMs: Number(values['warmup-ms']), measureMs: Number(values['measure-ms']) };
const onlyLibrary = values.library as Library | undefined;
const selected = scenarios.filter((scenario) => !values.scenario || values.scenario.includes(scenario.id));
if (!(rounds >= 1) || selected.length === 0 || (onlyLibrary && onlyLibrary !== 'idem' && onlyLibrary !== 'powertools')) {
  console.error(usage);
  process.exit(2);
}
if (!(globalThis as { gc?: unknown }).gc) console.warn('Run node with --expose-gc so each timed run starts after a full collection.');

const rows: ComparisonRow[] = [];
for (const pair of targetPairs) {
  for (const scenario of selected) {
    const rates: Record<Library, number[]> = { idem: [], powertools: [] };
    for (let round = 0; round < rounds; round++) {
      // Alternating who goes first spreads drift (heat, other load) over both libraries.
      const order = round % 2 === 0 ? [pair.idem, pair.powertools] : [pair.powertools, pair.idem];
      for (const target of order) {
        if (onlyLibrary && target.library !== onlyLibrary) continue;
        const { callsPerSecond, callsPerCpuSecond } = await measure(target, scenario, options);
        rates[target.library].push(callsPerSecond);
        console.error(
          `${pair.store} · ${scenario.id} · round ${round + 1} · ${target.library}: ` +
            `${Math.round(callsPerSecond)} calls/s, ${Math.round(callsPerCpuSecond)} per CPU-second`
        );
      }
    }
    if (onlyLibrary) continue;
    rows.push({
      store: pair.store,
      scenario: scenario.title,
      idemCallsPerSecond: median(rates.idem),
      powertoolsCallsPerSecond: median(rates.powertools),
      roundRatios: rates.idem.map((rate, round) => rate / (rates.powertools[round] as number)),
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
