import { IdempotencyClaimLostError } from '@idem/core';
import type { ContractCapabilities, ContractCheck } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { needsReplacement } from './claimChecks.js';
import { claimKey, errorName, expectRefusedClaim, fetchStored, leaseSlackMs, refusedOrFailed } from './support.js';

const needsRenewal = (capabilities: ContractCapabilities): string | undefined =>
  capabilities.supportsClaimRenewal ? undefined : 'it cannot renew claims (supportsClaimRenewal: false)';

export const renewalExtendsOwnClaim: ContractCheck = {
  guarantee: 'renewal extends the in-progress expiry of the caller’s own claim',
  // The check ends by claiming over the renewed claim once its lease lapsed.
  unsupportedBecause: (capabilities) => needsRenewal(capabilities) ?? needsReplacement(capabilities),
  async run(context) {
    if (!context.layer.canRenewClaims()) failCheck('the layer has no _extendRecord (canRenewClaims() is false)');
    const key = context.newKey();
    const claim = await claimKey(context, key, { leaseMs: 5_000 });
    context.advanceClock(4_000);
    await context.layer.renew(claim, 5_000);
    context.advanceClock(4_000); // 8 s after the claim: past the first lease, inside the renewed one
    await expectRefusedClaim(context, key, 'a claim 3 s after a renewal of a 5 s lease');
    const stored = await fetchStored(context, key, 'after the renewal');
    if (stored.getStatus() !== 'INPROGRESS') failCheck(`the renewed claim reads as ${stored.getStatus()}`);
    context.advanceClock(1_000 + leaseSlackMs(context) + 1);
    try {
      await claimKey(context, key);
    } catch (error) {
      failCheck(`a claim after the renewed lease had lapsed ${refusedOrFailed(error)}`);
    }
  },
};

export const staleRenewalRefused: ContractCheck = {
  guarantee: 'renewal by a caller that lost its claim is refused and changes nothing',
  unsupportedBecause: (capabilities) =>
    needsRenewal(capabilities) ??
    (capabilities.supportsOwnership ? undefined : 'it keeps no owner token (supportsOwnership: false)'),
  async run(context) {
    const key = context.newKey();
    const stale = await claimKey(context, key, { leaseMs: 1_000 });
    context.advanceClock(1_000 + leaseSlackMs(context) + 1);
    const owner = await claimKey(context, key, { leaseMs: 60_000 });
    let refusal: unknown;
    try {
      await context.layer.renew(stale, 600_000);
    } catch (error) {
      refusal = error;
    }
    if (refusal === undefined) failCheck('the stale caller’s renewal succeeded');
    if (!(refusal instanceof IdempotencyClaimLostError)) {
      failCheck(`the stale renewal threw ${errorName(refusal)}, not IdempotencyClaimLostError`);
    }
    const stored = await fetchStored(context, key, 'after the stale renewal');
    if (stored.ownerToken !== owner.ownerToken) failCheck('the record no longer belongs to the new owner');
    if (Math.abs((stored.inProgressExpiryTimestamp ?? 0) - (owner.inProgressExpiryTimestamp ?? 0)) > leaseSlackMs(context)) {
      failCheck(`the new owner's in-progress expiry moved to ${stored.inProgressExpiryTimestamp}`);
    }
  },
};
