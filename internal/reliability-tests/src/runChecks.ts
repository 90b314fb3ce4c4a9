import { type BasePersistenceLayer, IdempotencyConfig, IdempotencyRecordStatus, makeIdempotent } from '@idem/core';
import type { CallOutcome } from './outcomes.js';
import { idempotencyKeyOf } from './stores.js';
import type { Execution } from './worker/messages.js';

/** Executions grouped by key. */
export function executionsByKey(executions: ReadonlyArray<Execution>): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const { key, result } of executions) byKey.set(key, [...(byKey.get(key) ?? []), result]);
  return byKey;
}

/**
 * Outcomes that break the promise to callers: a result other than the one the key's single
 * execution produced, or an error other than the allowed ones.
 */
export function wrongOutcomes(
  outcomes: ReadonlyArray<CallOutcome>,
  byKey: ReadonlyMap<string, string[]>,
  allowedErrors: ReadonlyArray<string>
): CallOutcome[] {
  return outcomes.filter((outcome) => {
    if ('error' in outcome) return !allowedErrors.includes(outcome.error);
    return !(byKey.get(outcome.key) ?? []).includes(outcome.result);
  });
}

/**
 * Calls each key once more through a fresh wrapper, and returns what each call gave (as JSON
 * text, or `error <name>`) and the keys whose function ran again instead of replaying.
 */
export async function replayEachKey(
  layer: BasePersistenceLayer,
  keyPrefix: string,
  keys: ReadonlyArray<string>
): Promise<{ replays: Map<string, string>; reran: string[] }> {
  const reran: string[] = [];
  const replayOnly = makeIdempotent(
    async (payload: { orderId: string }) => {
      reran.push(payload.orderId);
      return { orderId: payload.orderId, ranBy: 'replay check' };
    },
    { persistenceStore: layer, keyPrefix, config: new IdempotencyConfig({}) }
  );
  const replays = new Map<string, string>();
  for (const key of keys) {
    try {
      replays.set(key, JSON.stringify(await replayOnly({ orderId: key })));
    } catch (error) {
      replays.set(key, `error ${(error as Error).name}`);
    }
  }
  return { replays, reran };
}

/** The stored records of the keys that are still INPROGRESS, with their in-progress expiry (ms). */
export async function recordsInProgress(
  layer: BasePersistenceLayer,
  keyPrefix: string,
  keys: ReadonlyArray<string>
): Promise<Array<{ key: string; inProgressExpiryTimestamp: number | undefined }>> {
  const left: Array<{ key: string; inProgressExpiryTimestamp: number | undefined }> = [];
  for (const key of keys) {
    try {
      const record = await layer.fetch(idempotencyKeyOf(keyPrefix, { orderId: key }));
      if (record.getStatus() === IdempotencyRecordStatus.INPROGRESS) {
        left.push({ key, inProgressExpiryTimestamp: record.inProgressExpiryTimestamp });
      }
    } catch (error) {
      if ((error as Error).name !== 'IdempotencyItemNotFoundError') throw error;
    }
  }
  return left;
}
