import type { BasePersistenceAttributes, IdempotencyStore } from '@idem/core';
import type { ContractClock } from './clock.js';
import type { ContractRunner } from './runner.js';

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

/**
 * What a store can and cannot do, where the suite cannot see it; each difference is an option,
 * not a fork of the suite.
 */
export interface PersistenceContractOptions<Layer extends IdempotencyStore> {
  /**
   * The test runner to register in: `{ describe, it }` from `vitest`, `node:test` or
   * `@jest/globals`. Without it the suite uses the global `describe` and `it` (Jest, or Vitest
   * with `globals: true`).
   * @default the global describe and it
   */
  runner?: ContractRunner;
  /**
   * Closes a layer made by the factory (disconnect clients). Runs after every check, and on
   * the layer the suite looks at when it is registered.
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
   * Whether the store keeps the claim's `ownerToken` and completes, renews or deletes only for
   * the owner (fencing). The engine relies on it: a caller whose lease lapsed must not overwrite
   * or delete the record of the caller that claimed the key after it. The suite cannot see it
   * without running claims, so it is required unless declared missing: with false the ownership
   * guarantees are reported as todo.
   * @default true
   */
  supportsOwnership?: boolean;
  /**
   * Whether the store can renew claims (`_extendRecord`, which `renewInProgressLease` needs).
   * The suite sees it on the layer (`canRenewClaims()`): on one made when the suite is
   * registered, or, when the factory cannot make one then (its server starts later), on each
   * test's own layer. Declare it only in that case, under Jest, for a store that cannot renew:
   * Jest cannot report a running test as a todo, so the renewal guarantees would fail instead.
   * With false they are registered as todo; with true a layer that cannot renew fails them.
   * Declared either way, the suite does not call the factory when it is registered.
   * @default seen on the layer
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
   * Controls `Date` during a check. The default fakes only `Date`, frozen at the real current
   * time, in any runner, so sockets and timers keep working against real servers.
   * @default fakeDateClock()
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
      | 'replacesExpiredRecords'
      | 'parallelClaims'
      | 'clock'
      | 'keyPrefix'
    >
  > {
  /** Undefined unless declared: the suite sees it on the layer. */
  supportsClaimRenewal?: boolean;
  runner?: ContractRunner;
  teardown?: PersistenceContractOptions<Layer>['teardown'];
  factoryWithAttributes?: PersistenceContractOptions<Layer>['factoryWithAttributes'];
  inspectStoredAttributes?: PersistenceContractOptions<Layer>['inspectStoredAttributes'];
  expiryEnforcement?: ExpiryEnforcementProbe<Layer>;
}
