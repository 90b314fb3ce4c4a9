import { assertKnownOptions, type IdempotencyStore, optionNames } from '@idem/core';
import { ContractConfigurationError } from './ContractViolation.js';
import { fakeDateClock } from './clock.js';
import type { PersistenceContractOptions, ResolvedContractOptions } from './options.js';

/** Defaults of PersistenceContractOptions, in one place. */
export const contractDefaults = {
  expiryGranularity: 'milliseconds',
  returnsExistingRecordOnConflict: true,
  supportsOwnership: true,
  replacesExpiredRecords: true,
  parallelClaims: 50,
  keyPrefix: 'contract',
} as const;

const contractOptionNames = optionNames<PersistenceContractOptions<IdempotencyStore>>({
  runner: true,
  teardown: true,
  expiryGranularity: true,
  returnsExistingRecordOnConflict: true,
  supportsOwnership: true,
  supportsClaimRenewal: true,
  replacesExpiredRecords: true,
  factoryWithAttributes: true,
  inspectStoredAttributes: true,
  expiryEnforcement: true,
  parallelClaims: true,
  clock: true,
  keyPrefix: true,
});

/** Fewer parallel claims than this rarely catch a race between read and write. */
const minParallelClaims = 50;

/** Applies the defaults; a bad option fails when the suite is registered, naming the option. */
export function resolveContractOptions<Layer extends IdempotencyStore>(
  options: PersistenceContractOptions<Layer> = {}
): ResolvedContractOptions<Layer> {
  assertKnownOptions(
    options,
    contractOptionNames,
    'the persistence contract',
    (message) => new ContractConfigurationError(message)
  );
  const parallelClaims = options.parallelClaims ?? contractDefaults.parallelClaims;
  if (!Number.isInteger(parallelClaims) || parallelClaims < minParallelClaims) {
    throw new ContractConfigurationError(
      `parallelClaims: must be an integer of at least ${minParallelClaims}, got ${parallelClaims}`
    );
  }
  return {
    ...options,
    expiryGranularity: options.expiryGranularity ?? contractDefaults.expiryGranularity,
    returnsExistingRecordOnConflict: options.returnsExistingRecordOnConflict ?? contractDefaults.returnsExistingRecordOnConflict,
    supportsOwnership: options.supportsOwnership ?? contractDefaults.supportsOwnership,
    replacesExpiredRecords: options.replacesExpiredRecords ?? contractDefaults.replacesExpiredRecords,
    parallelClaims,
    clock: options.clock ?? fakeDateClock(),
    keyPrefix: options.keyPrefix ?? contractDefaults.keyPrefix,
  };
}
