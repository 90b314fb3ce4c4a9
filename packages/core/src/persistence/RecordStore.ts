import { IdempotencyRecordStatus } from '../constants.js';
import { IdempotencyConfigurationError, IdempotencyItemAlreadyExistsError } from '../errors.js';
import { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import type { JSONValue } from '../types/json.js';
import type { ClaimOptions, ClaimOutcome, ClaimRefusal, IdempotencyStore, RequestIdentity } from '../types/store.js';
import { newOwnerToken } from './ownerTokens.js';
import { toStoreError } from './storeErrors.js';

/**
 * The store API (`IdempotencyStore`) over record primitives. This class builds the records,
 * owner tokens and expiries and maps every backend error; a store implements the primitives,
 * each one translation into its backend's atomic operations:
 *
 * - `_claimRecord(record)`: write the INPROGRESS `record` atomically if no record exists for its
 *   key, the stored record has expired, or it is INPROGRESS with an elapsed in-progress expiry;
 *   otherwise return the refusal, with the stored record when the same write can return it. A
 *   refusal is returned, not thrown: every repeated call is one. (Powertools' `_putRecord`, which
 *   throws `IdempotencyItemAlreadyExistsError` instead, may stand in for it: implement one.)
 * - `_getRecord(key)`: the stored record, or `recordNotFoundError(key)`.
 * - `_updateRecord(record)`: write the COMPLETED record, only if the stored owner token is the
 *   record's, else throw `claimLostError(record)`.
 * - `_deleteRecord(record)`: delete the record, only if the stored owner token is the record's,
 *   else do nothing.
 * - `_extendRecord(record)`, optional: set the stored INPROGRESS record's in-progress expiry to the
 *   record's, only if the stored owner token is the record's, else throw `claimLostError(record)`.
 *   Needed by `renewInProgressLease`.
 *
 * A primitive answers with a promise or, in a store that needs no I/O for it (the memory store),
 * with the answer itself: a first call then waits on no promise of the store's.
 *
 * A store writes a record's `status` (never `getStatus()`, which reads EXPIRED once the expiry
 * passed) and keeps `ownerToken`; a store that cannot keep it works without fencing.
 *
 * One store serves any number of wrapped functions with different configs at once: the engine
 * passes everything a call needs, and the store keeps no per-function state.
 */
export abstract class RecordStore implements IdempotencyStore {
  constructor() {
    if (this._claimRecord === RecordStore.prototype._claimRecord && this._putRecord === RecordStore.prototype._putRecord) {
      throw new IdempotencyConfigurationError(`${new.target.name} must implement _claimRecord (or Powertools' _putRecord)`);
    }
  }

  public async claim(identity: RequestIdentity, options: ClaimOptions): Promise<ClaimOutcome> {
    const now = Date.now();
    const record = new IdempotencyRecord({
      idempotencyKey: identity.idempotencyKey,
      status: IdempotencyRecordStatus.INPROGRESS,
      expiryTimestamp: Math.floor(now / 1000) + options.expiresAfterSeconds,
      inProgressExpiryTimestamp: now + options.leaseMs,
      payloadHash: identity.payloadHash,
      ownerToken: options.ownerToken ?? newOwnerToken(),
    });
    let refusal: ClaimRefusal | undefined;
    try {
      const answer = this.claimThroughPrimitive(record);
      refusal = isPromiseLike(answer) ? await answer : answer;
    } catch (error) {
      throw this.storeFailure('claim the idempotency record', error);
    }
    return refusal ? { kind: 'refused', existingRecord: refusal.existingRecord } : { kind: 'claimed', claim: record };
  }

  public async complete(
    claim: IdempotencyRecord,
    responseData: JSONValue | undefined,
    expiresAfterSeconds: number
  ): Promise<IdempotencyRecord> {
    const record = new IdempotencyRecord({
      idempotencyKey: claim.idempotencyKey,
      sortKey: claim.sortKey,
      status: IdempotencyRecordStatus.COMPLETED,
      expiryTimestamp: Math.floor(Date.now() / 1000) + expiresAfterSeconds,
      responseData,
      payloadHash: claim.payloadHash,
      ownerToken: claim.ownerToken,
    });
    try {
      const answer = this._updateRecord(record);
      if (isPromiseLike(answer)) await answer;
    } catch (error) {
      throw this.storeFailure('save the completed idempotency record', error);
    }
    return record;
  }

  public canRenewClaims(): boolean {
    return typeof this._extendRecord === 'function';
  }

  public async renew(claim: IdempotencyRecord, leaseMs: number): Promise<void> {
    const extend = this._extendRecord;
    if (!extend) throw new IdempotencyConfigurationError('renewInProgressLease: this store cannot renew claims');
    claim.inProgressExpiryTimestamp = Date.now() + leaseMs;
    try {
      await extend.call(this, claim);
    } catch (error) {
      throw this.storeFailure('renew the idempotency claim', error);
    }
  }

  public async release(claim: IdempotencyRecord): Promise<void> {
    try {
      await this._deleteRecord(claim);
    } catch (error) {
      throw this.storeFailure('delete the idempotency record', error);
    }
  }

  public async fetch(idempotencyKey: string): Promise<IdempotencyRecord> {
    try {
      return await this._getRecord(idempotencyKey);
    } catch (error) {
      throw this.storeFailure('read the idempotency record', error);
    }
  }

  /**
   * The claim primitive. Implement this one: the default calls `_putRecord` and turns its
   * `IdempotencyItemAlreadyExistsError` into the refusal, for stores written to Powertools' API.
   */
  protected _claimRecord(record: IdempotencyRecord): StoreAnswer<ClaimRefusal | undefined> {
    return this.claimThroughPut(record);
  }

  /**
   * Powertools' claim primitive: as `_claimRecord`, but a refusal is thrown as
   * `IdempotencyItemAlreadyExistsError`. The default throws `_claimRecord`'s refusal.
   */
  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const refusal = await this._claimRecord(record);
    if (refusal) {
      throw new IdempotencyItemAlreadyExistsError(
        `A live record exists for key ${record.idempotencyKey}`,
        refusal.existingRecord
      );
    }
  }

  protected abstract _getRecord(idempotencyKey: string): StoreAnswer<IdempotencyRecord>;
  protected abstract _updateRecord(record: IdempotencyRecord): StoreAnswer<void>;
  protected abstract _deleteRecord(record: IdempotencyRecord): StoreAnswer<void>;
  protected _extendRecord?(record: IdempotencyRecord): StoreAnswer<void>;

  /**
   * Whether a backend error means a key holds a value that is no record (Redis' WRONGTYPE), which
   * becomes an `IdempotencyPersistenceConsistencyError` instead of a store fault.
   */
  protected isUnreadableValue(_error: unknown): boolean {
    return false;
  }

  /**
   * A primitive's error as one of ours (see `toStoreError`). Each operation catches its primitive's
   * error itself, without a closure: a first call runs two of them.
   */
  private storeFailure(action: string, error: unknown): Error {
    return toStoreError(action, error, (cause) => this.isUnreadableValue(cause));
  }

  private async claimThroughPut(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    try {
      await this._putRecord(record);
      return undefined;
    } catch (error) {
      if (error instanceof IdempotencyItemAlreadyExistsError) return { existingRecord: error.existingRecord };
      throw error;
    }
  }

  /**
   * The store's own `_claimRecord`, unless a subclass overrides `_putRecord` below it (an audit,
   * a test double): then every claim goes through that override, as Powertools' API promises.
   */
  private claimThroughPrimitive(record: IdempotencyRecord): StoreAnswer<ClaimRefusal | undefined> {
    if (putOverridesClaim(this)) return RecordStore.prototype._claimRecord.call(this, record);
    return this._claimRecord(record);
  }
}

/** What a primitive answers: a promise of it, or the answer itself (see the class comment). */
export type StoreAnswer<T> = T | Promise<T>;

/** Awaiting only what is a promise: an `await` costs a turn of the microtask queue even on a value. */
function isPromiseLike<T>(answer: StoreAnswer<T>): answer is Promise<T> {
  return typeof (answer as { then?: unknown } | null | undefined)?.then === 'function';
}

/** Per prototype: is `_putRecord` defined below `_claimRecord` in its chain? */
const putBelowClaim = new WeakMap<object, boolean>();

function putOverridesClaim(store: RecordStore): boolean {
  if (Object.hasOwn(store, '_putRecord') || Object.hasOwn(store, '_claimRecord')) return definedFirst(store) === '_putRecord';
  const prototype = Object.getPrototypeOf(store) as object;
  let answer = putBelowClaim.get(prototype);
  if (answer === undefined) {
    answer = definedFirst(prototype) === '_putRecord';
    putBelowClaim.set(prototype, answer);
  }
  return answer;
}

/** Which of the two claim primitives the nearest level of the chain defines. */
function definedFirst(start: object): '_claimRecord' | '_putRecord' {
  for (let level: object | null = start; level !== null; level = Object.getPrototypeOf(level)) {
    if (Object.hasOwn(level, '_claimRecord')) return '_claimRecord';
    if (Object.hasOwn(level, '_putRecord')) return '_putRecord';
  }
  return '_claimRecord';
}
