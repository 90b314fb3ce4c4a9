import { IdempotencyItemNotFoundError, type IdempotencyRecordInterface as IdempotencyRecord } from '@idem/core';
import type { ClaimRefusal } from '@idem/core/persistence';
import type { ContractContext } from '../ContractCheck.js';
import { CheckFailure, failCheck } from '../ContractViolation.js';

/** Claim options the checks use unless they need others. */
export const defaultClaim = { expiresAfterSeconds: 3600, leaseMs: 60_000 } as const;

/**
 * A claim the store refused, thrown by `claimKey` so that a check expecting the claim stops
 * there, failing on the claim primitive; a check expecting the refusal catches it.
 */
export class ClaimRefused extends CheckFailure {
  constructor(public readonly refusal: ClaimRefusal) {
    super('a claim the check expected to take its key was refused', 'claim');
    this.name = 'ClaimRefused';
  }
}

/**
 * Claims `key` through the store's `claim`, as the engine does, and returns the claim; a refusal
 * is thrown as `ClaimRefused`.
 */
export async function claimKey(
  context: ContractContext,
  key: string,
  options: { payloadHash?: string; expiresAfterSeconds?: number; leaseMs?: number } = {},
  layer = context.layer
): Promise<IdempotencyRecord> {
  const outcome = await layer.claim(
    { idempotencyKey: key, payloadHash: options.payloadHash },
    {
      expiresAfterSeconds: options.expiresAfterSeconds ?? defaultClaim.expiresAfterSeconds,
      leaseMs: options.leaseMs ?? defaultClaim.leaseMs,
    }
  );
  if (outcome.kind === 'refused') throw new ClaimRefused(outcome);
  return outcome.claim;
}

/** The stored record of `key`, or undefined when the store has none. */
export async function fetchOrUndefined(
  context: ContractContext,
  key: string,
  layer = context.layer
): Promise<IdempotencyRecord | undefined> {
  try {
    return await layer.fetch(key);
  } catch (error) {
    if (error instanceof IdempotencyItemNotFoundError) return undefined;
    throw error;
  }
}

/** The stored record of `key`; fails the check when there is none. */
export async function fetchStored(context: ContractContext, key: string, what: string): Promise<IdempotencyRecord> {
  const record = await fetchOrUndefined(context, key);
  if (!record) failCheck(`${what}: fetch found no record`, 'fetch');
  return record;
}

/**
 * Expects the claim of `key` to be refused, and returns the existing record as the engine would
 * see it: carried by the refusal, or read back when the store cannot return it.
 */
export async function expectRefusedClaim(
  context: ContractContext,
  key: string,
  what: string,
  options: { payloadHash?: string } = {}
): Promise<IdempotencyRecord> {
  let refusal: unknown;
  try {
    await claimKey(context, key, options);
  } catch (error) {
    refusal = error;
  }
  if (refusal === undefined) failCheck(`${what}: the claim succeeded`, 'claim');
  return existingRecordOf(context, refusal, key, what);
}

/** The existing record behind a refused claim, or a failure saying what was wrong with it. */
export async function existingRecordOf(
  context: ContractContext,
  refusal: unknown,
  key: string,
  what: string
): Promise<IdempotencyRecord> {
  if (!(refusal instanceof ClaimRefused)) {
    failCheck(`${what}: the claim failed with ${errorName(refusal)} instead of returning a refusal`, 'claim');
  }
  if (!context.options.returnsExistingRecordOnConflict) return fetchStored(context, key, `${what}, then`);
  if (!refusal.refusal.existingRecord) {
    failCheck(
      `${what}: the refusal carried no existingRecord (set returnsExistingRecordOnConflict: false if the store cannot return it from the write)`,
      'claim'
    );
  }
  return refusal.refusal.existingRecord;
}

/** How much later than claimed a lease may lapse, given the store's expiry granularity. */
export function leaseSlackMs(context: ContractContext): number {
  return context.options.expiryGranularity === 'seconds' ? 1000 : 0;
}

/** A short description of a record for failure messages. */
export function describeRecord(record: IdempotencyRecord | undefined): string {
  if (!record) return 'no record';
  return JSON.stringify({
    status: record.getStatus(),
    expiryTimestamp: record.expiryTimestamp,
    inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
    payloadHash: record.payloadHash,
    ownerToken: record.ownerToken,
  });
}

/** How a claim the check expected to succeed came out instead, for its failure message. */
export function refusedOrFailed(error: unknown): string {
  if (error instanceof ClaimRefused) return 'was refused';
  return `failed with ${errorName(error)}`;
}

export function errorName(error: unknown): string {
  if (error instanceof Error) return `${error.name} (${error.message})`;
  return String(error);
}
