import { createHash } from 'node:crypto';
import { type BasePersistenceLayer, canonicalJson } from '@idem/core';
import type { ClaimOutcome, IdempotencyRecord } from '@idem/core/persistence';

/** The key a call gets: `${keyPrefix}#${hash of the canonical key selection}`. */
export function keyOf(keyPrefix: string, selection: unknown, hashFunction = 'md5'): string {
  return `${keyPrefix}#${createHash(hashFunction).update(canonicalJson(selection)).digest('hex')}`;
}

/** Spies on the four operations the engine calls on a layer, passing through to the real ones. */
export function spyOnStore(layer: BasePersistenceLayer) {
  return {
    claim: jest.spyOn(layer, 'claim'),
    complete: jest.spyOn(layer, 'complete'),
    release: jest.spyOn(layer, 'release'),
    fetch: jest.spyOn(layer, 'fetch'),
  };
}

/** Total calls made to the store through the spies. */
export function roundTrips(spies: ReturnType<typeof spyOnStore>): number {
  return Object.values(spies).reduce((total, spy) => total + spy.mock.calls.length, 0);
}

/** The record of a claim the test expects the store to take; a refusal fails the test. */
export async function claimed(outcome: Promise<ClaimOutcome>): Promise<IdempotencyRecord> {
  const result = await outcome;
  if (result.kind === 'claimed') return result.claim as IdempotencyRecord;
  throw new Error(`the claim was refused over ${JSON.stringify(result.existingRecord)}`);
}
