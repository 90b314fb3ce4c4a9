import { assertKnownOptions, optionNames } from '../config/knownOptions.js';
import { IdempotencyRecordStatus } from '../constants.js';
import { IdempotencyInvalidStatusError } from '../errors.js';
import type { JSONValue } from '../types/json.js';
import type { IdempotencyRecordInterface, IdempotencyRecordOptions, IdempotencyRecordStatusValue } from '../types/record.js';

const knownStatuses = new Set<string>(Object.values(IdempotencyRecordStatus));

const recordOptionNames = optionNames<IdempotencyRecordOptions>({
  idempotencyKey: true,
  status: true,
  sortKey: true,
  expiryTimestamp: true,
  inProgressExpiryTimestamp: true,
  responseData: true,
  payloadHash: true,
  ownerToken: true,
});

/** One stored idempotency record: the claim of a key, then the completed call's response. */
export class IdempotencyRecord implements IdempotencyRecordInterface {
  /** The full key, prefix included. */
  public idempotencyKey: string;
  /** Sort key, for stores with composite keys. */
  public sortKey?: string;
  /** Expiry in seconds since the Unix epoch. */
  public expiryTimestamp?: number;
  /** In-progress expiry in milliseconds since the Unix epoch. */
  public inProgressExpiryTimestamp?: number;
  /** The stored response, as JSON. */
  public responseData?: JSONValue;
  /** Hash of the payload selection used for validation. */
  public payloadHash?: string;
  /** Token of the call that claimed the record. */
  public ownerToken?: string;
  /**
   * The status the record was made with, which is what a store writes: a claim is INPROGRESS
   * and a completion COMPLETED, also once their expiry passed (`getStatus()` then reads EXPIRED).
   */
  public readonly status: IdempotencyRecordStatusValue;

  constructor(options: IdempotencyRecordOptions) {
    // for...in, not assertKnownOptions' Object.keys: records are made on every call, so no array.
    for (const name in options) {
      if (!recordOptionNames.has(name)) assertKnownOptions(options, recordOptionNames, 'IdempotencyRecord');
    }
    if (!knownStatuses.has(options.status)) {
      throw new IdempotencyInvalidStatusError(
        `Unknown idempotency record status ${JSON.stringify(options.status)} for key ${options.idempotencyKey}`
      );
    }
    this.idempotencyKey = options.idempotencyKey;
    this.sortKey = options.sortKey;
    this.expiryTimestamp = options.expiryTimestamp;
    this.inProgressExpiryTimestamp = options.inProgressExpiryTimestamp;
    this.responseData = options.responseData;
    this.payloadHash = options.payloadHash;
    this.ownerToken = options.ownerToken;
    this.status = options.status;
  }

  /** The status; EXPIRED once the expiry has passed, whatever was stored. */
  public getStatus(): IdempotencyRecordStatusValue {
    return this.isExpired() ? IdempotencyRecordStatus.EXPIRED : this.status;
  }

  /** The stored response. */
  public getResponse(): JSONValue | undefined {
    return this.responseData;
  }

  /** True once the record's expiry has passed. */
  public isExpired(nowMs: number = Date.now()): boolean {
    return this.expiryTimestamp !== undefined && nowMs >= this.expiryTimestamp * 1000;
  }

  /** True when the record is a claim whose in-progress expiry has passed. */
  public isInProgressExpired(nowMs: number = Date.now()): boolean {
    return (
      this.status === IdempotencyRecordStatus.INPROGRESS &&
      this.inProgressExpiryTimestamp !== undefined &&
      nowMs >= this.inProgressExpiryTimestamp
    );
  }

  /** True when a new claim may replace this record: it expired, or its claim lapsed. */
  public isClaimable(nowMs: number = Date.now()): boolean {
    return this.isExpired(nowMs) || this.isInProgressExpired(nowMs);
  }
}
