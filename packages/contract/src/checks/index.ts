import type { ContractCheck } from '../ContractCheck.js';
import { customAttributeNamesRoundTrip } from './attributeChecks.js';
import {
  claimOnAbsentKey,
  claimOverExpired,
  claimOverLapsedLease,
  claimRefusedOnCompleted,
  claimRefusedOnInProgress,
  claimsReachPutRecordOverride,
} from './claimChecks.js';
import {
  completionKeepsHashSetsExpiry,
  releaseDeletes,
  staleCompletionRefused,
  staleReleaseIgnored,
} from './completionChecks.js';
import { claimIsAtomic } from './concurrencyChecks.js';
import { expiredReadsExpired, storeEnforcesTtl } from './expiryChecks.js';
import { renewalExtendsOwnClaim, staleRenewalRefused } from './renewalChecks.js';
import { claimRoundTrip, largeResponseRoundTrip, responseRoundTrip } from './roundTripChecks.js';
import {
  concurrentDuplicatesRunOnce,
  errorReleasesKey,
  firstCallRuns,
  payloadMismatchRejected,
  repeatReplays,
} from './stateMachineChecks.js';

/** Every guarantee of the persistence contract, in the order the suite registers them. */
export const persistenceContractChecks: readonly ContractCheck[] = [
  claimOnAbsentKey,
  claimRefusedOnInProgress,
  claimRefusedOnCompleted,
  claimOverExpired,
  claimOverLapsedLease,
  claimIsAtomic,
  claimsReachPutRecordOverride,
  claimRoundTrip,
  responseRoundTrip,
  largeResponseRoundTrip,
  completionKeepsHashSetsExpiry,
  releaseDeletes,
  staleCompletionRefused,
  staleReleaseIgnored,
  renewalExtendsOwnClaim,
  staleRenewalRefused,
  customAttributeNamesRoundTrip,
  storeEnforcesTtl,
  expiredReadsExpired,
  firstCallRuns,
  repeatReplays,
  concurrentDuplicatesRunOnce,
  errorReleasesKey,
  payloadMismatchRejected,
];

/** Finds a check by its guarantee, for running one on its own. */
export function contractCheck(guarantee: string): ContractCheck {
  const check = persistenceContractChecks.find((candidate) => candidate.guarantee === guarantee);
  if (!check) throw new Error(`No contract check guarantees ${JSON.stringify(guarantee)}`);
  return check;
}
