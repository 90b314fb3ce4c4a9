import type { ColdStartResult } from './coldStart/coldStart.js';
import type { FootprintSample } from './memoryFootprint.js';
import type { OperationCount } from './targets/StoreBench.js';

/** One scenario on one store: medians over the rounds, idem beside Powertools. */
export interface ComparisonRow {
  store: string;
  /** `idem's client / Powertools' client`, empty for the memory store. */
  clients: string;
  scenario: string;
  idemCallsPerSecond: number;
  powertoolsCallsPerSecond: number;
  /** idem/Powertools of the medians of calls per CPU-second: steadier when other work shares the cores. */
  cpuRatio: number;
  /** idem/Powertools of each round, measured back to back. */
  roundRatios: number[];
  /** Calls per second of the floor (the essential work alone), on stores that have one. */
  floorCallsPerSecond?: number;
  /** The ratio idem must reach, where the issue sets one. */
  targetRatio?: number;
}

/** Everything one run measured. */
export interface BenchReport {
  rows: ComparisonRow[];
  counts: OperationCount[];
  coldStarts: ColdStartResult[];
  footprint: FootprintSample[];
}

/** How the figures were taken, for the reader. */
export interface RunSettings {
  rounds: number;
  warmupMs: number;
  measureMs: number;
  /** Per store: calls of unique payloads to warm up with, then timed. */
  uniqueCalls: Array<[store: string, warmup: number, timed: number]>;
}

/** idem's calls per second over Powertools'. */
export function ratioOf(row: ComparisonRow): number {
  return row.idemCallsPerSecond / row.powertoolsCallsPerSecond;
}
