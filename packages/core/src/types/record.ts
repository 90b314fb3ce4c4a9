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
