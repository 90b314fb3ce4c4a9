import type { BasePersistenceLayer } from '@idem/core';
import type { FaultRun } from '../../src/faultRun.js';
import { recordFigure } from '../../src/figures.js';
import { tally } from '../../src/outcomes.js';
import { executionsByKey, recordsInProgress, replayEachKey, wrongOutcomes } from '../../src/runChecks.js';
import { atTime } from './clock.js';

/** What a fault run is checked against, and what the document says about it. */
export interface FaultReport {
  id: string;
  store: string;
  applied: string;
  layer: BasePersistenceLayer;
  keyPrefix: string;
  keys: ReadonlyArray<string>;
  leaseSeconds: number;
}

/**
 * Checks the promises that hold through any fault, records the figure, and returns what the
 * test asserts on:
 * - every caller got a typed idem error or its key's single execution's result;
 * - no key ran twice (the burst is shorter than the lease, so every claim was live throughout);
 * - records left INPROGRESS carry an in-progress expiry within one lease of now;
 * - once that lease has passed, every key is free: it replays a stored result (the one its
 *   callers got, if any got one) or runs again, and nothing is left INPROGRESS.
 */
export async function checkFaultRun(run: FaultRun, report: FaultReport) {
  const byKey = executionsByKey(run.executions);
  const typedErrors = [...new Set(run.outcomes.flatMap((outcome) => ('error' in outcome ? [outcome.error] : [])))];
  const wrong = wrongOutcomes(run.outcomes, byKey, typedErrors);
  const leaseMs = report.leaseSeconds * 1000;
  const leftInProgress = await recordsInProgress(report.layer, report.keyPrefix, report.keys);
  const checkedAt = Date.now();
  const leasesBeyondOneLease = leftInProgress.filter(
    (record) => record.inProgressExpiryTimestamp === undefined || record.inProgressExpiryTimestamp > checkedAt + leaseMs
  );
  const after = await atTime(checkedAt + leaseMs + 1, async () => ({
    ...(await replayEachKey(report.layer, report.keyPrefix, report.keys)),
    leftInProgress: await recordsInProgress(report.layer, report.keyPrefix, report.keys),
  }));
  const keysWithResult = new Set(run.outcomes.flatMap((outcome) => ('result' in outcome ? [outcome.key] : [])));
  const lostResults = [...keysWithResult].filter((key) => after.replays.get(key) !== byKey.get(key)?.[0]);
  const counts = tally(run.outcomes);
  recordFigure({
    id: report.id,
    section: 'Faults',
    title: 'Typed errors only; no key runs twice while its claim is live; no record stays INPROGRESS past its in-progress expiry',
    store: report.store,
    applied: report.applied,
    ...counts,
    executions: run.executions.length,
    keys: report.keys.length,
    recordsLeftInProgress: leftInProgress.length,
    notes: [
      `Once the ${report.leaseSeconds} s lease had passed, ${after.reran.length} of ${report.keys.length} keys ran ` +
        `(no result had been stored: their claim or completion was cut off) and ${report.keys.length - after.reran.length} replayed their stored result; ` +
        `${after.leftInProgress.length} records were left INPROGRESS.`,
    ],
    durationMs: run.durationMs,
  });
  return {
    counts,
    wrong,
    untypedErrors: run.untypedErrors,
    maxExecutionsPerKey: Math.max(0, ...[...byKey.values()].map((results) => results.length)),
    leasesBeyondOneLease,
    lostResults,
    leftInProgressAfterLease: after.leftInProgress,
    burstShorterThanLease: run.durationMs < leaseMs,
  };
}
