import type { IdempotencyStore } from '@idem/core';
import type { PersistenceAttributeNames, ResolvedContractOptions } from './options.js';
import type { StoreOperation } from './primitives.js';

/** What the options say the store can do; checks of a capability it lacks are reported as todo. */
export interface ContractCapabilities {
  supportsOwnership: boolean;
  /** False when declared (`supportsClaimRenewal: false`); what a layer shows of itself is `ContractCheck.needsOfLayer`. */
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
  /** The primitive behind a store operation as this store names it (`_putRecord`, `_updateRecord`, ...). */
  primitiveName(operation: StoreOperation): string;
  /** Another fresh layer with these attribute names; closed with the check. */
  layerWithAttributes(attributes: PersistenceAttributeNames): Promise<IdempotencyStore>;
  /** The stored attributes of a key in `layer`, when the suite was told how to read them. */
  storedAttributes?: (layer: IdempotencyStore, key: string) => Promise<Record<string, unknown> | undefined>;
  /** How to see the backend drop expired records, when the suite was told. */
  expiryEnforcement?: BoundExpiryProbe;
}

/**
 * A capability a check needs that the suite sees on the layer itself, so that no option has to
 * declare it: claim renewal, from `canRenewClaims()`.
 */
export interface LayerCapability {
  /** Why this layer cannot be checked (as a todo says it), or undefined when it can. */
  missingIn(layer: IdempotencyStore): string | undefined;
  /**
   * The option that declares the capability, for when the suite cannot see a layer in time:
   * false registers the todo without looking, true fails a layer that lacks it.
   */
  readonly option: 'supportsClaimRenewal';
  /** The store operation whose primitive provides it. */
  readonly operation: StoreOperation;
}

/** One guarantee of the persistence contract, as data: the suite registers each as a test. */
export interface ContractCheck {
  /** The guarantee, as the test's name and the start of its failure message. */
  readonly guarantee: string;
  /**
   * The store operation whose primitive the guarantee rests on: named by a failure that points
   * at no other (an error of the engine, a check's own finding).
   */
  readonly operation?: StoreOperation;
  /** Why the store cannot be checked for this guarantee, or undefined when it can. */
  unsupportedBecause?(capabilities: ContractCapabilities): string | undefined;
  /** What the check needs of the layer that the suite sees on the layer. */
  readonly needsOfLayer?: LayerCapability;
  /** Resolves when the store keeps the guarantee; fails through `failCheck(detail)` when not. */
  run(context: ContractContext): Promise<void>;
}
