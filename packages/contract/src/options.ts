import type { BasePersistenceAttributes, IdempotencyStore } from '@idem/core';
import type { ContractClock } from './clock.js';

/** Makes a fresh layer for one check. */
export type LayerFactory<Layer extends IdempotencyStore> = () => Layer | Promise<Layer>;

/** Every attribute name set, none left to its default. */
export type PersistenceAttributeNames = Required<BasePersistenceAttributes>;

/**
 * How the suite observes that the backend itself drops expired records, so that no record lives
 * forever. Two shapes, because stores enforce expiry in two ways.
 */
export type ExpiryEnforcementProbe<Layer extends IdempotencyStore> =
  | {
      /** The backend keeps a per-record expiry and deletes on its own clock (Redis, DynamoDB TTL). */
      kind: 'ttl';
      /**
       * The absolute time, in milliseconds since the Unix epoch, at which the backend will drop
       * the stored record of `key`; undefined when it would keep it forever. Read it from the
       * backend, not from the record, in the terms the layer wrote it: Redis `PEXPIRETIME` (7.0+)
       * for absolute expiries (`PXAT`), `Date.now() + PTTL` for relative ones (`PX`); the
       * DynamoDB attribute the table's TTL is set on, × 1000.
       */
      storedExpiryMs(layer: Layer, key: string): Promise<number | undefined>;
    }
  | {
      /**
       * The store reclaims expired records itself when it runs (the memory store drops them on
       * writes). The suite lets a record expire, writes another key, then asks `isStored`.
       */
      kind: 'reclaim';
      /** True while the store still holds anything for `key`, expired or not. */
      isStored(layer: Layer, key: string): Promise<boolean>;
    };

/** What a store can and cannot do; each difference is an option, not a fork of the suite. */
export interface PersistenceContractOptions<Layer extends IdempotencyStore> {
  /**
   * Closes a layer made by the factory (disconnect clients). Runs after every check.
   * @default undefined
   */
  teardown?: (layer: Layer) => void | Promise<void>;
  /**
   * Precision with which the store keeps the in-progress expiry. With `'seconds'` the suite
   * accepts a stored in-progress expiry within one second of the claimed one and lets a lease
   * lapse one second later than the claim said.
   * @default 'milliseconds'
   */
  expiryGranularity?: 'seconds' | 'milliseconds';
  /**
   * Whether a refused claim carries the stored record (`existingRecord` on
   * `IdempotencyItemAlreadyExistsError`), read by the same conditional write. When false the
   * suite checks that `fetch` gives it instead.
   * @default true
   */
  returnsExistingRecordOnConflict?: boolean;
  /**
   * Whether the store keeps the claim's `ownerToken` and completes or deletes only for the
   * owner (fencing). When false the checks of ownership are reported as not supported.
   * @default true
   */
  supportsOwnership?: boolean;
  /**
   * Whether the store implements the optional `_extendRecord` primitive, which
   * `renewInProgressLease` needs. When false the renewal checks are reported as not supported.
   * @default true
   */
  supportsClaimRenewal?: boolean;
  /**
   * Whether a claim replaces an expired record, or a claim whose lease lapsed, itself, by a
   * conditional write. When false the store cannot (SET NX on a plain cache client): its backend
   * deletes records at their expiry, and claims when their lease ends, on the backend's own
   * clock, which the suite's clock does not move. The checks that claim over an expired record are
   * then reported as not supported, and the TTL check expects a claim to expire with its lease.
   * @default true
   */
  replacesExpiredRecords?: boolean;
  /**
   * Makes a fresh layer that uses these attribute names instead of the defaults. Without it the
   * check of custom attribute names is reported as not supported (stores without attribute
   * names, like the memory store, have nothing to check).
   * @default undefined
   */
  factoryWithAttributes?: (attributes: PersistenceAttributeNames) => Layer | Promise<Layer>;
  /**
   * The record of `key` as the backend stores it, attribute name to value, or undefined when
   * absent. With it the suite also checks that custom attribute names are the ones written.
   * @default undefined
   */
  inspectStoredAttributes?: (layer: Layer, key: string) => Promise<Record<string, unknown> | undefined>;
  /**
   * How to see the store enforce expiry. Without it the check that records expire in the
   * backend is reported as not verified.
   * @default undefined
   */
  expiryEnforcement?: ExpiryEnforcementProbe<Layer>;
  /**
   * Parallel claims of one key in the atomicity check; at least 50.
   * @default 50
   */
  parallelClaims?: number;
  /**
   * Controls `Date` during a check. The default fakes only `Date` with Jest's fake timers,
   * frozen at the real current time, so sockets and timers keep working against real servers.
   * @default jestDateClock()
   */
  clock?: ContractClock;
  /**
   * Prefix of the random keys, so records left on a shared server are easy to find.
   * @default 'contract'
   */
  keyPrefix?: string;
}

/** The options with every default applied. */
export interface ResolvedContractOptions<Layer extends IdempotencyStore>
  extends Required<
    Pick<
      PersistenceContractOptions<Layer>,
      | 'expiryGranularity'
      | 'returnsExistingRecordOnConflict'
      | 'supportsOwnership'
      | 'supportsClaimRenewal'
      | 'replacesExpiredRecords'
      | 'parallelClaims'
      | 'clock'
      | 'keyPrefix'
    >
  > {
  teardown?: PersistenceContractOptions<Layer>['teardown'];
  factoryWithAttributes?: PersistenceContractOptions<Layer>['factoryWithAttributes'];
  inspectStoredAttributes?: PersistenceContractOptions<Layer>['inspectStoredAttributes'];
  expiryEnforcement?: ExpiryEnforcementProbe<Layer>;
}
