import type { BenchReport, ComparisonRow, RunSettings } from './benchReport.js';
import { ratioOf } from './benchReport.js';
import { type ColdStartResult, coldStartProcesses } from './coldStart/coldStart.js';
import type { MachineInfo } from './machine.js';
import { type FootprintSample, footprintIsFlat } from './memoryFootprint.js';
import { bundleTarget, firstCallTarget, operationTargets, targetSummary } from './targetSummary.js';
import type { OperationCount } from './targets/StoreBench.js';
import { countOf, formatKiB, formatMiB, formatRate, formatRatio } from './units.js';

export type { BenchReport, ComparisonRow } from './benchReport.js';

const verdict = (met: boolean) => (met ? 'yes' : 'NO');

interface Table {
  head: string[];
  /** Columns aligned right. */
  numeric: number[];
  body: string[][];
}

function throughputTable(rows: readonly ComparisonRow[], withRounds: boolean): Table {
  const head = [
    'store',
    'clients (idem / Powertools)',
    'scenario',
    'idem calls/s',
    'Powertools calls/s',
    'ratio',
    'by CPU time',
    'floor',
    'target',
    'met',
  ];
  const body = rows.map((row) => {
    const cells = [
      row.store,
      row.clients || '—',
      row.scenario,
      formatRate(row.idemCallsPerSecond),
      formatRate(row.powertoolsCallsPerSecond),
      formatRatio(ratioOf(row)),
      formatRatio(row.cpuRatio),
      row.floorCallsPerSecond === undefined ? '—' : formatRatio(row.floorCallsPerSecond / row.powertoolsCallsPerSecond),
      row.targetRatio === undefined ? '—' : `≥ ${formatRatio(row.targetRatio)}`,
      row.targetRatio === undefined ? '—' : verdict(ratioOf(row) >= row.targetRatio),
    ];
    return withRounds ? [...cells, row.roundRatios.map(formatRatio).join(', ')] : cells;
  });
  return { head: withRounds ? [...head, 'ratio per round'] : head, numeric: [3, 4, 5, 6, 7, 8], body };
}

function countsTable(counts: readonly OperationCount[]): Table {
  const head = ['store', 'call', 'library (client)', 'per call', 'target', 'met'];
  const body = counts.map((count) => {
    const target =
      count.library === 'idem'
        ? operationTargets.find(([store, call]) => store === count.store && call === count.call)
        : undefined;
    return [
      count.store,
      count.call,
      `${count.library} (${count.client})`,
      countOf(count.perCall, count.operation),
      target ? `≤ ${target[2]}` : '—',
      target ? verdict(count.perCall <= target[2]) : '—',
    ];
  });
  return { head, numeric: [3, 4], body };
}

function coldStartTable(results: readonly ColdStartResult[]): Table {
  const head = [
    'handler',
    'idem bundle',
    'Powertools bundle',
    'idem/Powertools',
    'target',
    'met',
    'idem to first call',
    'Powertools to first call',
    'idem/Powertools',
    'target',
    'met',
    'process, idem / Powertools',
  ];
  const body: string[][] = [];
  for (const store of ['dynamodb', 'cache'] as const) {
    const idem = results.find((result) => result.store === store && result.library === 'idem');
    const powertools = results.find((result) => result.store === store && result.library === 'powertools');
    if (!idem || !powertools) continue;
    const sizeRatio = idem.bundleBytes / powertools.bundleBytes;
    const timeRatio = idem.pairedRatio;
    body.push([
      store === 'dynamodb' ? 'core + DynamoDB' : 'core + cache (@redis/client)',
      `${formatKiB(idem.bundleBytes)} (${formatKiB(idem.bundleGzipBytes)} gz)`,
      `${formatKiB(powertools.bundleBytes)} (${formatKiB(powertools.bundleGzipBytes)} gz)`,
      sizeRatio.toFixed(2),
      `≤ ${bundleTarget.toFixed(2)}`,
      verdict(sizeRatio <= bundleTarget),
      `${Math.round(idem.firstCallMs)} ms`,
      `${Math.round(powertools.firstCallMs)} ms`,
      timeRatio.toFixed(2),
      `≤ ${firstCallTarget.toFixed(2)}`,
      verdict(timeRatio <= firstCallTarget),
      `${Math.round(idem.processMs)} / ${Math.round(powertools.processMs)} ms`,
    ]);
  }
  return { head, numeric: [1, 2, 3, 4, 6, 7, 8, 9, 11], body };
}

function footprintTable(samples: readonly FootprintSample[]): Table {
  return {
    head: ['unique keys', 'RSS after GC', 'heap used after GC'],
    numeric: [0, 1, 2],
    body: samples.map((sample) => [
      sample.calls.toLocaleString('en-US'),
      formatMiB(sample.rssBytes),
      formatMiB(sample.heapUsedBytes),
    ]),
  };
}

/** The tables as aligned plain text for the terminal. */
export function formatTable(report: BenchReport): string {
  const text = ({ head, numeric, body }: Table) => {
    const widths = head.map((title, index) => Math.max(title.length, ...body.map((line) => (line[index] as string).length)));
    const line = (values: readonly string[]) =>
      values
        .map((value, index) =>
          numeric.includes(index) ? value.padStart(widths[index] as number) : value.padEnd(widths[index] as number)
        )
        .join('  ');
    return [line(head), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
  };
  const parts: string[] = [];
  if (report.rows.length) parts.push(text(throughputTable(report.rows, false)));
  if (report.counts.length) parts.push(text(countsTable(report.counts)));
  if (report.coldStarts.length) parts.push(text(coldStartTable(report.coldStarts)));
  if (report.footprint.length)
    parts.push(`${text(footprintTable(report.footprint))}\nflat: ${verdict(footprintIsFlat(report.footprint))}`);
  return parts.join('\n\n');
}

function markdown({ head, numeric, body }: Table): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, index) => (numeric.includes(index) ? '---:' : '---')).join('|')}|`,
    ...body.map((line) => `| ${line.join(' | ')} |`),
  ].join('\n');
}

/** The tables, the chart, the machine and the method as Markdown for docs/benchmarks.md. */
export function formatMarkdown(report: BenchReport, machine: MachineInfo, settings: RunSettings, date: Date): string {
  const packages = Object.entries(machine.packages).map(([name, version]) => `\`${name}\` ${version}`);
  const parts = [
    `Measured ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpuModel}, ${machine.cores} cores, ` +
      `${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}, load average ${machine.loadAverage} at the end; ${packages.join(', ')}.`,
    '',
    '![idem/Powertools per scenario, with the target of each](benchmarks.svg)',
  ];
  const summary = targetSummary(report);
  if (summary.length) parts.push('', '### Targets', '', ...summary);
  if (report.rows.length) {
    parts.push(
      '',
      '### Calls per second',
      '',
      markdown(throughputTable(report.rows, true)),
      '',
      `Medians of ${settings.rounds} rounds; in each round every target runs back to back (the order rotating between ` +
        `rounds), each on a fresh store, warmed up and then timed. Unique payloads get fixed counts, the same for every ` +
        `target (${settings.uniqueCalls.map(([store, warmup, timed]) => `${store} ${warmup.toLocaleString('en-US')} to warm up, ${timed.toLocaleString('en-US')} timed`).join('; ')}), ` +
        `so that first calls are measured at steady state; repeats warm up for ${settings.warmupMs} ms and run about ` +
        `${settings.measureMs} ms. "64 in flight" is 64 callers each awaiting its call before the next. The ratio is ` +
        'idem\'s median over Powertools\' median; "by CPU time" is the same ratio from calls per CPU-second of the bench ' +
        'process (for Redis and DynamoDB the server\'s own CPU is not in it). "floor" is the floor\'s median over ' +
        "Powertools': the floor (`bench/src/targets/floor.ts`) does only the essential work of a call on a Map, so it is " +
        'the most any library could reach there. Only ratios of one run compare; absolute figures vary with the machine ' +
        'and its load.'
    );
  }
  if (report.counts.length) {
    parts.push(
      '',
      '### Store operations per call',
      '',
      markdown(countsTable(report.counts)),
      '',
      'Counted in a pass of their own after the timed runs: 20 sequential calls of each kind after 3 settling calls. Redis ' +
        'commands are the lines of `MONITOR` on a separate connection, without the `lua` lines (commands a script runs inside ' +
        'the server); DynamoDB requests are counted by middleware on the client (`finalizeRequest`, retries included); ' +
        "PostgreSQL statements are counted by the server: the committed and rolled-back transactions of the bench's own " +
        'database in `pg_stat_database` (each statement is one implicit transaction and one round trip), through a client ' +
        'of one connection that flushes its statistics before and after (`pg_stat_force_next_flush()`, subtracted).'
    );
    const notes = [...new Set(report.counts.flatMap((count) => (count.note ? [count.note] : [])))];
    for (const note of notes) parts.push('', `*Server returns ALL_OLD*: ${note}.`);
  }
  if (report.coldStarts.length) {
    parts.push(
      '',
      '### Cold start',
      '',
      markdown(coldStartTable(report.coldStarts)),
      '',
      'Each handler (`bench/src/coldStart/handlers`) bundled with esbuild (bundle, minify, platform node, CommonJS), with ' +
        'the client libraries external for idem and Powertools alike: `@aws-sdk/*` and `@smithy/*` (the Lambda runtime ' +
        "provides them) and the Redis clients (the user's own dependency; both cache handlers use `@redis/client`, so the " +
        `comparison is of the libraries alone). "To first call" is the median over ${coldStartProcesses} processes per handler` +
        ', idem and ' +
        "Powertools alternating, of `performance.now()` (time since the process started, node's own start included) when " +
        'the first call, with a payload never seen, has completed against a local server (dynalite, redis-server); its ' +
        'ratio is the median of the ratios of the two processes of each run, started back to back. "process" is spawn to ' +
        'exit as the bench sees it.'
    );
  }
  if (report.footprint.length) {
    parts.push(
      '',
      '### Memory with the local cache',
      '',
      markdown(footprintTable(report.footprint)),
      '',
      `Flat: **${verdict(footprintIsFlat(report.footprint))}**. One million calls with unique payloads through a handler with ` +
        '`useLocalCache: true, maxLocalCacheSize: 1000`, in a child process run with `--expose-gc`, sampled after ' +
        '`gc()`; the store drops every record, so what stays resident is the engine and its cache. The first quarter ' +
        'includes filling the cache and compiling the code; flat means that from then on every sample of the heap stays ' +
        "within 10% of the first quarter's and the resident size ends within 15% of it (in between it moves with what " +
        'the allocator keeps or returns).'
    );
  }
  return parts.join('\n');
}
