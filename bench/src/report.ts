import type { MachineInfo } from './machine.js';

/** One scenario on one store: medians over the rounds, idem beside Powertools. */
export interface ComparisonRow {
  store: string;
  scenario: string;
  idemCallsPerSecond: number;
  powertoolsCallsPerSecond: number;
  /** idem/Powertools of the medians of calls per CPU-second: steadier when other work shares the cores. */
  cpuRatio: number;
  /** idem/Powertools of each round, measured back to back. */
  roundRatios: number[];
  /** The ratio idem must reach. */
  targetRatio: number;
}

/** How the figures were taken, for the reader. */
export interface RunSettings {
  rounds: number;
  warmupMs: number;
  measureMs: number;
  uniqueCalls: number;
}

const columns = ['store', 'scenario', 'idem calls/s', 'Powertools calls/s', 'ratio', 'by CPU time', 'target', 'met'] as const;

export function ratioOf(row: ComparisonRow): number {
  return row.idemCallsPerSecond / row.powertoolsCallsPerSecond;
}

function cells(row: ComparisonRow): string[] {
  return [
    row.store,
    row.scenario,
    formatRate(row.idemCallsPerSecond),
    formatRate(row.powertoolsCallsPerSecond),
    formatRatio(ratioOf(row)),
    formatRatio(row.cpuRatio),
    `≥ ${formatRatio(row.targetRatio)}`,
    ratioOf(row) >= row.targetRatio ? 'yes' : 'NO',
  ];
}

/** The table as aligned plain text for the terminal. */
export function formatTable(rows: readonly ComparisonRow[]): string {
  const body = rows.map(cells);
  const widths = columns.map((title, index) => Math.max(title.length, ...body.map((line) => (line[index] as string).length)));
  const numeric = (index: number) => index >= 2 && index < columns.length - 1;
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => (numeric(index) ? value.padStart(widths[index] as number) : value.padEnd(widths[index] as number)))
      .join('  ');
  return [line(columns), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

/** The table, the machine and the method as Markdown for docs/benchmarks.md. */
export function formatMarkdown(rows: readonly ComparisonRow[], machine: MachineInfo, settings: RunSettings, date: Date): string {
  const table = [
    `| ${[...columns, 'ratio per round'].join(' | ')} |`,
    `|${[...columns, ''].map((_, index) => (index >= 2 && index < 7 ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${[...cells(row), row.roundRatios.map(formatRatio).join(', ')].join(' | ')} |`),
  ];
  const packages = Object.entries(machine.packages).map(([name, version]) => `\`${name}\` ${version}`);
  return [
    `Measured ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine.cpuModel}, ${machine.cores} cores, ` +
      `${machine.memoryGiB} GiB, ${machine.platform}, Node ${machine.node}; ${packages.join(', ')}.`,
    '',
    ...table,
    '',
    `Calls per second are medians of ${settings.rounds} rounds; in each round idem and Powertools run back to back ` +
      `(the order alternating between rounds), each on a fresh store, warmed up (${settings.warmupMs} ms, or 5,000 calls of unique payloads) ` +
      `and then timed with one call in flight: ${settings.uniqueCalls.toLocaleString('en-US')} calls of unique ` +
      `payloads for both libraries (each call leaves a record, so both stores end the same size), and about ` +
      `${settings.measureMs} ms of repeats. The ratio is idem's median over ` +
      "Powertools' median; \"by CPU time\" is the same ratio from calls per CPU-second of the process, which other " +
      'processes competing for the cores disturb less. Only ratios taken in the same run are comparable; absolute ' +
      'figures vary with the machine and its load.',
  ].join('\n');
}

function formatRate(callsPerSecond: number): string {
  return Math.round(callsPerSecond).toLocaleString('en-US');
}

function formatRatio(ratio: number): string {
  return `${ratio.toFixed(ratio >= 10 ? 0 : 1)}×`;
}
