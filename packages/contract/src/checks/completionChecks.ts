import { IdempotencyClaimLostError } from '@idem/core';
import type { ContractCheck } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { expectCurrentOwnerKept, failFencing, needsOwnership, takenOverClaim } from './fencing.js';
import { claimKey, describeRecord, errorName, fetchOrUndefined, fetchStored, refusedOrFailed } from './support.js';

export const completionKeepsHashSetsExpiry: ContractCheck = {
  guarantee: 'completion keeps the payload hash and sets the expiry',
  operation: 'complete',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key, { payloadHash: 'payload-hash', expiresAfterSeconds: 600 });
    context.advanceClock(120_000);
    const completed = await context.layer.complete(claim, { ok: true }, 900);
    const stored = await fetchStored(context, key, 'after completion');
    const wrong: string[] = [];
    if (stored.getStatus() !== 'COMPLETED') wrong.push(`status ${stored.getStatus()}`);
    if (stored.payloadHash !== 'payload-hash') wrong.push(`payloadHash ${stored.payloadHash} (claimed with payload-hash)`);
    if (stored.expiryTimestamp !== completed.expiryTimestamp) {
      wrong.push(
        `expiryTimestamp ${stored.expiryTimestamp} (completed with ${completed.expiryTimestamp}, claimed with ${claim.expiryTimestamp})`
      );
    }
    if (!isOk(stored.getResponse())) wrong.push(`response ${JSON.stringify(stored.getResponse())}`);
    if (wrong.length > 0) failCheck(`read back ${wrong.join(', ')}`, 'complete');
  },
};

export const releaseDeletes: ContractCheck = {
  guarantee: 'release deletes the record',
  operation: 'release',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key);
    await context.layer.release(claim);
    const stored = await fetchOrUndefined(context, key);
    if (stored) failCheck(`fetch still found ${describeRecord(stored)}`, 'release');
    try {
      await claimKey(context, key);
    } catch (error) {
      failCheck(`a claim after the release ${refusedOrFailed(error)}`, 'release');
    }
  },
};

export const staleCompletionRefused: ContractCheck = {
  guarantee: "a completion by a caller that lost its claim does not clobber the new owner's record",
  operation: 'complete',
  unsupportedBecause: needsOwnership,
  async run(context) {
    const taken = await takenOverClaim(context);
    let outcome: unknown;
    try {
      await context.layer.complete(taken.stale, { stale: true }, 3600);
    } catch (error) {
      outcome = error;
    }
    await expectCurrentOwnerKept(context, taken, "after the stale owner's completion", 'complete');
    if (!(outcome instanceof IdempotencyClaimLostError)) {
      failFencing(
        context,
        taken,
        `the stale completion ${outcome === undefined ? 'succeeded' : `failed with ${errorName(outcome)}`} instead of throwing IdempotencyClaimLostError`,
        'complete'
      );
    }
  },
};

export const staleReleaseIgnored: ContractCheck = {
  guarantee: "a release by a caller that lost its claim does not delete the new owner's record",
  operation: 'release',
  unsupportedBecause: needsOwnership,
  async run(context) {
    const taken = await takenOverClaim(context);
    await context.layer.release(taken.stale);
    await expectCurrentOwnerKept(context, taken, "after the stale owner's release", 'release');
  },
};

function isOk(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true;
}
