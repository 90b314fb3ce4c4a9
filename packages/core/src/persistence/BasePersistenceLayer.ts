import { randomUUID } from 'node:crypto';
import { IdempotencyConfig } from '../config/IdempotencyConfig.js';
import { IdempotencyRecordStatus } from '../constants.js';
import { IdempotencyConfigurationError, IdempotencyItemAlreadyExistsError, IdempotencyKeyError } from '../errors.js';
import { defaultKeyPrefix } from '../engine/defaultKeyPrefix.js';
import { deriveIdentity, type RequestIdentity } from '../engine/deriveIdentity.js';
import { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import { encodeResponse } from '../serialization/responseCodec.js';
import type { JSONValue } from '../types/json.js';
import type { BasePersistenceLayerInterface, BasePersistenceLayerOptions } from '../types/persistence.js';
import { withStoreErrors } from './storeErrors.js';

/** What a claim needs besides the request's identity. */
export interface ClaimOptions {
  /** Seconds the record lives. */
  expiresAfterSeconds: number;
  /** Milliseconds the claim blocks its key if its caller never completes or releases it. */
  leaseMs: number;
}

/** A refused claim: the live record that holds the key, when the store returned it with the refusal. */
export interface ClaimRefusal {
  existingRecord?: IdempotencyRecord;
}

/** What `tryClaim` came to: this call holds the key, or a live record refused the claim. */
export type ClaimOutcome = { kind: 'claimed'; claim: IdempotencyRecord } | ({ kind: 'refused' } & ClaimRefusal);

/**
 * The template every store extends. The base owns records, expiry, ownership tokens and error
 * mapping; a store implements four primitives:
 *
 * - `_putRecord(record)`: write the INPROGRESS record atomically if no record exists for its key,
 *   the stored record has expired, or it is INPROGRESS with an elapsed in-progress expiry;
 *   otherwise throw `IdempotencyItemAlreadyExistsError`, with the stored record when the store
 *   can return it from the same write.
 * - `_getRecord(key)`: the stored record, or `IdempotencyItemNotFoundError`.
 * - `_updateRecord(record)`: write the COMPLETED record. Stores that keep `ownerToken` write it only
 *   if the stored token matches, else throw `IdempotencyClaimLostError`.
 * - `_deleteRecord(record)`: delete the record. Stores that keep `ownerToken` delete it only if the
 *   stored token matches, else do nothing.
 *
 * and may implement one optional capability:
 *
 * - `_extendRecord(record)`: set the stored INPROGRESS record's in-progress expiry to the
 *   record's, only if the stored token matches, else throw `IdempotencyClaimLostError`. Needed by
 *   `renewInProgressLease`.
 *
 * A store for which a refused claim is cheap to report may also override `_putRecordUnlessLive`,
 * which the engine claims through, to return the refusal instead of throwing it.
 *
 * One layer serves any number of wrapped functions with different configs at once: the engine
 * passes everything a call needs, and the layer keeps no per-function state.
 */
export abstract class BasePersistenceLayer implements BasePersistenceLayerInterface {
  /** The key prefix set by `configure`, for the seed's data-based methods. */
  public idempotencyKeyPrefix = '';
  private configured: { config: IdempotencyConfig; keyPrefix: string } | undefined;
  /** Claims made through `saveInProgress`, so `saveSuccess` and `deleteRecord` keep ownership. */
  private readonly openClaims = new Map<string, IdempotencyRecord>();

  /** Writes an INPROGRESS record for the request; throws `IdempotencyItemAlreadyExistsError` if refused. */
  public async claim(identity: RequestIdentity, options: ClaimOptions): Promise<IdempotencyRecord> {
    const record = newClaim(identity, options);
    await withStoreErrors('claim the idempotency record', () => this._putRecord(record));
    return record;
  }

  /**
   * Writes an INPROGRESS record for the request, or reports the record that refused it. The
   * engine claims through this: a repeat is an ordinary outcome, and building an exception for it
   * costs more than an in-memory claim itself.
   */
  public async tryClaim(identity: RequestIdentity, options: ClaimOptions): Promise<ClaimOutcome> {
    const record = newClaim(identity, options);
    const refusal = await withStoreErrors('claim the idempotency record', () => this._putRecordUnlessLive(record));
    return refusal ? { kind: 'refused', existingRecord: refusal.existingRecord } : { kind: 'claimed', claim: record };
  }

  /** Turns this caller's claim into a COMPLETED record holding the response. */
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
    await withStoreErrors('save the completed idempotency record', () => this._updateRecord(record));
    return record;
  }

  /** True when the store can extend a claim's in-progress expiry (`renewInProgressLease`). */
  public canRenewClaims(): boolean {
    return typeof this._extendRecord === 'function';
  }

  /** Moves this caller's claim's in-progress expiry to `leaseMs` from now. */
  public async renew(claim: IdempotencyRecord, leaseMs: number): Promise<void> {
    const extend = this._extendRecord;
    if (!extend) throw new IdempotencyConfigurationError('renewInProgressLease: this store cannot renew claims');
    claim.inProgressExpiryTimestamp = Date.now() + leaseMs;
    await withStoreErrors('renew the idempotency claim', () => extend.call(this, claim));
  }

  /** Deletes this caller's claim so the key can be claimed again. */
  public async release(claim: IdempotencyRecord): Promise<void> {
    await withStoreErrors('delete the idempotency record', () => this._deleteRecord(claim));
  }

  /** The stored record of a key; throws `IdempotencyItemNotFoundError` when there is none. */
  public async fetch(idempotencyKey: string): Promise<IdempotencyRecord> {
    return withStoreErrors('read the idempotency record', () => this._getRecord(idempotencyKey));
  }

  // The seed's data-based interface. It works on the config set by `configure`; the wrappers do
  // not use it, so one layer can serve many configs.

  /** Sets the config and key prefix that the data-based methods below use. */
  public configure(options?: BasePersistenceLayerOptions): void {
    const config = options?.config ?? new IdempotencyConfig({});
    const keyPrefix = options?.keyPrefix ?? defaultKeyPrefix(options?.functionName ?? '');
    this.configured = { config, keyPrefix };
    this.idempotencyKeyPrefix = keyPrefix;
  }

  /** True when the configured config validates payloads. */
  public isPayloadValidationEnabled(): boolean {
    return this.configuredScope().config.validationExpression !== undefined;
  }

  /** Records that the call for `data` is in progress; throws `IdempotencyItemAlreadyExistsError` if refused. */
  public async saveInProgress(data: unknown, remainingTimeInMillis?: number): Promise<void> {
    const { config } = this.configuredScope();
    const record = await this.claim(this.identify(data), {
      expiresAfterSeconds: config.expiresAfterSeconds,
      leaseMs: remainingTimeInMillis ?? config.inProgressExpiresAfterSeconds * 1000,
    });
    this.openClaims.set(record.idempotencyKey, record);
  }

  /** Records the result of the call for `data`. */
  public async saveSuccess(data: unknown, result: unknown): Promise<void> {
    const { config } = this.configuredScope();
    const claim = this.openClaimFor(data);
    await this.complete(claim, encodeResponse(config, result), config.expiresAfterSeconds);
    this.openClaims.delete(claim.idempotencyKey);
  }

  /** Deletes the record of the call for `data`. */
  public async deleteRecord(data: unknown): Promise<void> {
    const claim = this.openClaimFor(data);
    await this.release(claim);
    this.openClaims.delete(claim.idempotencyKey);
  }

  /** The stored record of the call for `data`. */
  public async getRecord(data: unknown): Promise<IdempotencyRecord> {
    return this.fetch(this.identify(data).idempotencyKey);
  }

  private configuredScope(): { config: IdempotencyConfig; keyPrefix: string } {
    if (!this.configured) this.configure();
    return this.configured as { config: IdempotencyConfig; keyPrefix: string };
  }

  private identify(data: unknown): RequestIdentity {
    const { config, keyPrefix } = this.configuredScope();
    const identity = deriveIdentity(config, keyPrefix, data);
    if (!identity) throw new IdempotencyKeyError('No idempotency key found in the data');
    return identity;
  }

  private openClaimFor(data: unknown): IdempotencyRecord {
    const identity = this.identify(data);
    return (
      this.openClaims.get(identity.idempotencyKey) ??
      new IdempotencyRecord({ ...identity, status: IdempotencyRecordStatus.INPROGRESS })
    );
  }

  /**
   * `_putRecord` reporting a refusal as its result instead of an `IdempotencyItemAlreadyExistsError`.
   * A store whose refusal needs no exception (the memory store) overrides it; by default it calls
   * `_putRecord` and turns that error into the result.
   */
  protected async _putRecordUnlessLive(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    try {
      await this._putRecord(record);
      return undefined;
    } catch (error) {
      if (error instanceof IdempotencyItemAlreadyExistsError) return { existingRecord: error.existingRecord };
      throw error;
    }
  }

  protected abstract _getRecord(idempotencyKey: string): Promise<IdempotencyRecord>;
  protected abstract _putRecord(record: IdempotencyRecord): Promise<void>;
  protected abstract _updateRecord(record: IdempotencyRecord): Promise<void>;
  protected abstract _deleteRecord(record: IdempotencyRecord): Promise<void>;
  protected _extendRecord?(record: IdempotencyRecord): Promise<void>;
}

function newClaim(identity: RequestIdentity, options: ClaimOptions): IdempotencyRecord {
  const now = Date.now();
  return new IdempotencyRecord({
    idempotencyKey: identity.idempotencyKey,
    status: IdempotencyRecordStatus.INPROGRESS,
    expiryTimestamp: Math.floor(now / 1000) + options.expiresAfterSeconds,
    inProgressExpiryTimestamp: now + options.leaseMs,
    payloadHash: identity.payloadHash,
    ownerToken: randomUUID(),
  });
}
