import type { IdempotencyRecordInterface } from '@idem/core';
import type { ContractCapabilities, ContractContext } from '../ContractCheck.js';
import { CheckFailure, failCheck } from '../ContractViolation.js';
import type { StoreOperation } from '../primitives.js';
import { claimKey, describeRecord, fetchOrUndefined, fetchStored, leaseSlackMs } from './support.js';

// Fencing by owner token: the ownership guarantees, and the one message a store without owner
// tokens gets from them.

/** Why the ownership guarantees are todo for a store that declared it keeps no owner token. */
export const needsOwnership = (capabilities: ContractCapabilities): string | undefined =>
  capabilities.supportsOwnership ? undefined : 'it keeps no owner token (supportsOwnership: false)';

/**
 * True when `stored` carries the owner token of `claim`, or none at all. A claim check does not
 * fail a store that keeps no token: the ownership guarantees report that, once, saying what to do.
 */
export function ownerKeptOrAbsent(stored: IdempotencyRecordInterface, claim: IdempotencyRecordInterface): boolean {
  return stored.ownerToken === undefined || stored.ownerToken === claim.ownerToken;
}

/** A first claim whose lease lapsed, the claim that took the key over, and whether the store kept its token. */
export async function takenOverClaim(context: ContractContext, currentLeaseMs = 60_000) {
  const key = context.newKey();
  const stale = await claimKey(context, key, { leaseMs: 1_000 });
  context.advanceClock(1_000 + leaseSlackMs(context) + 1);
  const current = await claimKey(context, key, { leaseMs: currentLeaseMs });
  const keepsOwnerToken = (await fetchStored(context, key, 'after the second claim')).ownerToken !== undefined;
  return { key, stale, current, keepsOwnerToken };
}

/** Fails unless the new owner's claim is still what the store holds for `key`. */
export async function expectCurrentOwnerKept(
  context: ContractContext,
  taken: Awaited<ReturnType<typeof takenOverClaim>>,
  after: string,
  operation: StoreOperation
): Promise<void> {
  const stored = await fetchOrUndefined(context, taken.key);
  if (stored?.getStatus() !== 'INPROGRESS' || !ownerKeptOrAbsent(stored, taken.current)) {
    failFencing(
      context,
      taken,
      `${after}, the store holds ${describeRecord(stored)} instead of the new owner's claim (ownerToken ${taken.current.ownerToken})`,
      operation
    );
  }
}

/**
 * Fails an ownership guarantee. For a store that keeps no owner token the message says all of
 * it: what fencing protects, what each primitive must do with `ownerToken`, and the option that
 * declares the gap instead.
 */
export function failFencing(
  context: ContractContext,
  taken: { keepsOwnerToken: boolean },
  detail: string,
  operation: StoreOperation
): never {
  if (taken.keepsOwnerToken) failCheck(detail, operation);
  throw new CheckFailure(`${detail}. ${keepsNoOwnerToken(context)}`, operation, true);
}

function keepsNoOwnerToken(context: ContractContext): string {
  const name = (operation: StoreOperation) => context.primitiveName(operation);
  const renewal = context.layer.canRenewClaims()
    ? `; ${name('renew')} renews only if it is, else throws claimLostError(record)`
    : '';
  return (
    "The store keeps no owner token: the claim's ownerToken reads back as undefined. Fencing is what stops a caller " +
    'whose lease lapsed (its function ran long, its process froze) from touching the record of the caller that claimed the key after it: ' +
    "without it the late caller's completion overwrites the new owner's result, or its release deletes the new claim and the function runs again. " +
    `Every primitive uses record.ownerToken: ${name('claim')} stores it with the claim; ${name('complete')} writes only if the stored ownerToken is record.ownerToken, ` +
    `else throws claimLostError(record); ${name('release')} deletes only if it is, else does nothing${renewal}. ` +
    'A store that cannot fence declares it with supportsOwnership: false, and the ownership guarantees are reported as todo.'
  );
}
