import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The environment variable naming the folder where tests write their figures. */
export const figuresDirVariable = 'IDEM_RELIABILITY_FIGURES';

/** What one reliability test applied and observed, for docs/reliability.md. */
export interface ReliabilityFigure {
  /** Stable id, also the file name: `load.redis`, `faults.reset`... */
  id: string;
  /** The section of the document: 'Load', 'Faults', ... */
  section: string;
  /** What the test shows, one sentence. */
  title: string;
  /** The store under test, e.g. 'Redis 7 standalone (ioredis)'. */
  store: string;
  /** The load or fault applied, one sentence. */
  applied: string;
  calls: number;
  /** Times the wrapped function ran, all keys together. */
  executions: number;
  /** Keys the calls were spread over. */
  keys: number;
  results: number;
  errors: Record<string, number>;
  /** Records still INPROGRESS when the run ended (each checked to lapse at its in-progress expiry). */
  recordsLeftInProgress: number;
  /** Anything else observed, one short sentence each. */
  notes?: string[];
  /** Wall-clock time of the run, for orientation only. */
  durationMs: number;
}

/** Prints the figure and, when `IDEM_RELIABILITY_FIGURES` names a folder, writes it there as `<id>.json`. */
export function recordFigure(figure: ReliabilityFigure): void {
  const errors =
    Object.entries(figure.errors)
      .map(([name, count]) => `${name}=${count}`)
      .join(' ') || 'none';
  console.log(
    `[reliability] ${figure.id}: calls=${figure.calls} executions=${figure.executions} keys=${figure.keys} ` +
      `results=${figure.results} errors: ${errors}; left in progress=${figure.recordsLeftInProgress}`
  );
  const dir = process.env[figuresDirVariable];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${figure.id}.json`), `${JSON.stringify(figure, null, 2)}\n`);
}
