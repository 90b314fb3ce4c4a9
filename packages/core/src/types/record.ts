import type { JSONValue } from './json.js';

/** The status of an IdempotencyRecord. */
export type IdempotencyRecordStatusValue = 'INPROGRESS' | 'COMPLETED' | 'EXPIRED';

/** Options for creating a new IdempotencyRecord. */
export interface IdempotencyRecordOptions {
  /** The idempotency key used to identify the record */
  idempotencyKey: string;
  /** The record status (INPROGRESS | COMPLETED | EXPIRED) */
  status: IdempotencyRecordStatusValue;
  /** Optional sort key for composite key tables */
  sortKey?: string;
  /** Expiry timestamp in seconds (Unix epoch) */
  expiryTimestamp?: number;
  /** In-progress expiry timestamp in milliseconds (Unix epoch) */
  inProgressExpiryTimestamp?: number;
  /** Response data to return for idempotent requests */
  responseData?: JSONValue;
  /** Hash of the payload for validation */
  payloadHash?: string;
  /**
   * Random token of the call that claimed the record. Stores that support ownership complete
   * or delete a record only when the caller's token matches the stored one, so a caller whose
   * claim was taken over cannot overwrite the new owner's record. Optional: a store that does
   * not keep it still works, without that protection.
   */
  ownerToken?: string;
}

/**
 * What every idempotency record offers: the members of the `IdempotencyRecord` class of
 * `@idem/core/persistence`, which implements it. The types of this package, the store interface
 * and hooks, speak of records through it.
 */
export interface IdempotencyRecordInterface {
  /** The full key, prefix included. */
  idempotencyKey: string;
  /** Sort key, for stores with composite keys. */
  sortKey?: string;
  /** Expiry in seconds since the Unix epoch. */
  expiryTimestamp?: number;
  /** In-progress expiry in milliseconds since the Unix epoch. */
  inProgressExpiryTimestamp?: number;
  /** The stored response, as JSON. */
  responseData?: JSONValue;
  /** Hash of the payload selection used for validation. */
  payloadHash?: string;
  /** Token of the call that claimed the record. */
  ownerToken?: string;
  /**
   * The status the record was made with, which is what a store writes: a claim is INPROGRESS
   * and a completion COMPLETED, also once their expiry passed.
   */
  readonly status: IdempotencyRecordStatusValue;
  /** The status; EXPIRED once the expiry has passed, whatever was stored. */
  getStatus(): IdempotencyRecordStatusValue;
  /** The stored response. */
  getResponse(): JSONValue | undefined;
  /** True once the record's expiry has passed. */
  isExpired(nowMs?: number): boolean;
  /** True when the record is a claim whose in-progress expiry has passed. */
  isInProgressExpired(nowMs?: number): boolean;
  /** True when a new claim may replace this record: it expired, or its claim lapsed. */
  isClaimable(nowMs?: number): boolean;
}
