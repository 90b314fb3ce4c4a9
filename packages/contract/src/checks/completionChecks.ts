import { IdempotencyClaimLostError } from '@idem/core';
import type { ContractCapabilities, ContractCheck, ContractContext } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { claimKey, describeRecord, errorName, fetchOrUndefined, fetchStored, leaseSlackMs, refusedOrFailed } from './support.js';

export const completionKeepsHashSetsExpiry: ContractCheck = {
  guarantee: 'completion keeps the payload hash and sets the expiry',
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
    if (wrong.length > 0) failCheck(`read back ${wrong.join(', ')}`);
  },
};

export const releaseDeletes: ContractCheck = {
  guarantee: 'release deletes the record',
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key);
    await context.layer.release(claim);
    const stored = await fetchOrUndefined(context, key);
    if (stored) failCheck(`fetch still found ${describeRecord(stored)}`);
    try {
      await claimKey(context, key);
    } catch (error) {
      failCheck(`a claim after the release ${refusedOrFailed(error)}`);
    }
  },
};

const needsOwnership = (capabilities: ContractCapabilities): string | undefined =>
  capabilities.supportsOwnership ? undefined : 'it keeps no owner token (supportsOwnership: false)';

/** A first claim whose lease lapsed, and the second claim that took the key over. */
async function takenOverClaim(context: ContractContext) {
  const key = context.newKey();
  const stale = await claimKey(context, key, { leaseMs: 1_000 });
  context.advanceClock(1_000 + leaseSlackMs(context) + 1);
  const current = await claimKey(context, key);
  return { key, stale, current };
}

async function expectCurrentOwnerKept(context: ContractContext, key: string, currentOwner: string | undefined, after: string) {
  const stored = await fetchOrUndefined(context, key);
  if (stored?.getStatus() !== 'INPROGRESS' || stored.ownerToken !== currentOwner) {
    failCheck(
      `${after}, the store holds ${describeRecord(stored)} instead of the new owner's claim (ownerToken ${currentOwner})`
    );
  }
}

export const staleCompletionRefused: ContractCheck = {
  guarantee: "a completion by a caller that lost its claim does not clobber the new owner's record",
  unsupportedBecause: needsOwnership,
  async run(context) {
    const { key, stale, current } = await takenOverClaim(context);
    let outcome: unknown;
    try {
      await context.layer.complete(stale, { stale: true }, 3600);
    } catch (error) {
      outcome = error;
    }
    await expectCurrentOwnerKept(context, key, current.ownerToken, "after the stale owner's completion");
    if (!(outcome instanceof IdempotencyClaimLostError)) {
      failCheck(
        `the stale completion ${outcome === undefined ? 'succeeded' : `failed with ${errorName(outcome)}`} instead of throwing IdempotencyClaimLostError`
      );
    }
  },
};

export const staleReleaseIgnored: ContractCheck = {
  guarantee: "a release by a caller that lost its claim does not delete the new owner's record",
  unsupportedBecause: needsOwnership,
  async run(context) {
    const { key, stale, current } = await takenOverClaim(context);
    await context.layer.release(stale);
    await expectCurrentOwnerKept(context, key, current.ownerToken, "after the stale owner's release");
  },
};

function isOk(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === true;
}
