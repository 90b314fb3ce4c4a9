import { IdempotencyClaimLostError } from '@idem/core';
import type { ContractCapabilities, ContractCheck, LayerCapability } from '../ContractCheck.js';
import { failCheck } from '../ContractViolation.js';
import { needsReplacement } from './claimChecks.js';
import { failFencing, needsOwnership, ownerKeptOrAbsent, takenOverClaim } from './fencing.js';
import { claimKey, errorName, expectRefusedClaim, fetchStored, leaseSlackMs, refusedOrFailed } from './support.js';

/** Claim renewal, which the suite sees on the layer: `canRenewClaims()`. */
export const claimRenewal: LayerCapability = {
  missingIn: (layer) => (layer.canRenewClaims() ? undefined : 'it cannot renew claims (canRenewClaims() is false)'),
  option: 'supportsClaimRenewal',
  operation: 'renew',
};

const declaredWithoutRenewal = (capabilities: ContractCapabilities): string | undefined =>
  capabilities.supportsClaimRenewal ? undefined : 'it cannot renew claims (supportsClaimRenewal: false)';

export const renewalExtendsOwnClaim: ContractCheck = {
  guarantee: 'renewal extends the in-progress expiry of the caller’s own claim',
  operation: 'renew',
  needsOfLayer: claimRenewal,
  // The check ends by claiming over the renewed claim once its lease lapsed.
  unsupportedBecause: (capabilities) => declaredWithoutRenewal(capabilities) ?? needsReplacement(capabilities),
  async run(context) {
    const key = context.newKey();
    const claim = await claimKey(context, key, { leaseMs: 5_000 });
    context.advanceClock(4_000);
    await context.layer.renew(claim, 5_000);
    context.advanceClock(4_000); // 8 s after the claim: past the first lease, inside the renewed one
    await expectRefusedClaim(context, key, 'a claim 3 s after a renewal of a 5 s lease');
    const stored = await fetchStored(context, key, 'after the renewal');
    if (stored.getStatus() !== 'INPROGRESS') failCheck(`the renewed claim reads as ${stored.getStatus()}`, 'renew');
    context.advanceClock(1_000 + leaseSlackMs(context) + 1);
    try {
      await claimKey(context, key);
    } catch (error) {
      failCheck(`a claim after the renewed lease had lapsed ${refusedOrFailed(error)}`, 'renew');
    }
  },
};

export const staleRenewalRefused: ContractCheck = {
  guarantee: 'renewal by a caller that lost its claim is refused and changes nothing',
  operation: 'renew',
  needsOfLayer: claimRenewal,
  unsupportedBecause: (capabilities) => declaredWithoutRenewal(capabilities) ?? needsOwnership(capabilities),
  async run(context) {
    const taken = await takenOverClaim(context);
    let refusal: unknown;
    try {
      await context.layer.renew(taken.stale, 600_000);
    } catch (error) {
      refusal = error;
    }
    if (refusal === undefined) failFencing(context, taken, 'the stale caller’s renewal succeeded', 'renew');
    if (!(refusal instanceof IdempotencyClaimLostError)) {
      failFencing(context, taken, `the stale renewal threw ${errorName(refusal)}, not IdempotencyClaimLostError`, 'renew');
    }
    const stored = await fetchStored(context, taken.key, 'after the stale renewal');
    if (!ownerKeptOrAbsent(stored, taken.current)) failCheck('the record no longer belongs to the new owner', 'renew');
    const moved = Math.abs((stored.inProgressExpiryTimestamp ?? 0) - (taken.current.inProgressExpiryTimestamp ?? 0));
    if (moved > leaseSlackMs(context)) {
      failCheck(`the new owner's in-progress expiry moved to ${stored.inProgressExpiryTimestamp}`, 'renew');
    }
  },
};
