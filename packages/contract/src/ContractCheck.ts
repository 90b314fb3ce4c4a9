import type { IdempotencyStore } from '@idem/core';
import type { PersistenceAttributeNames, ResolvedContractOptions } from './options.js';

/** What the suite may do with the store under test; checks of a capability it lacks are reported. */
export interface ContractCapabilities {
  supportsOwnership: boolean;
  supportsClaimRenewal: boolean;
  replacesExpiredRecords: boolean;
  customAttributeNames: boolean;
  expiryEnforcement: 'ttl' | 'reclaim' | undefined;
}

/** How a check observes the backend's own expiry, bound to the layer under test. */
export type BoundExpiryProbe =
  | { kind: 'ttl'; storedExpiryMs(key: string): Promise<number | undefined> }
  | { kind: 'reclaim'; isStored(key: string): Promise<boolean> };

/** Everything one check gets: a fresh layer, fresh keys, a clock, and the store's capabilities. */
export interface ContractContext {
  /** A fresh layer made by the factory for this check. */
  readonly layer: IdempotencyStore;
  readonly options: Pick<
    ResolvedContractOptions<IdempotencyStore>,
    'expiryGranularity' | 'returnsExistingRecordOnConflict' | 'supportsOwnership' | 'replacesExpiredRecords' | 'parallelClaims'
  >;
  /** A key no other check or run uses. */
  newKey(): string;
  /** Moves `Date` forward, so records expire without sleeping. */
  advanceClock(ms: number): void;
  /** Another fresh layer with these attribute names; closed with the check. */
  layerWithAttributes(attributes: PersistenceAttributeNames): Promise<IdempotencyStore>;
  /** The stored attributes of a key in `layer`, when the suite was told how to read them. */
  storedAttributes?: (layer: IdempotencyStore, key: string) => Promise<Record<string, unknown> | undefined>;
  /** How to see the backend drop expired records, when the suite was told. */
  expiryEnforcement?: BoundExpiryProbe;
}

/** One guarantee of the persistence contract, as data: the suite registers each as a test. */
export interface ContractCheck {
  /** The guarantee, as the test's name and the start of its failure message. */
  readonly guarantee: string;
  /** Why the store cannot be checked for this guarantee, or undefined when it can. */
  unsupportedBecause?(capabilities: ContractCapabilities): string | undefined;
  /** Resolves when the store keeps the guarantee; fails through `failCheck(detail)` when not. */
  run(context: ContractContext): Promise<void>;
}
