import { IdempotencyConfig } from '../config/IdempotencyConfig.js';
import { IdempotencyRecordStatus, maxClaimRetries } from '../constants.js';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyClaimLostError,
  IdempotencyInconsistentStateError,
  IdempotencyItemNotFoundError,
  IdempotencyValidationError,
} from '../errors.js';
import type { BasePersistenceLayer } from '../persistence/BasePersistenceLayer.js';
import type { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import { decodeResponse, encodeResponse } from '../serialization/responseCodec.js';
import type { JSONValue } from '../types/json.js';
import type { LambdaContext } from '../types/lambda.js';
import { deriveIdentity, type RequestIdentity } from './deriveIdentity.js';
import { LocalRecordCache } from './LocalRecordCache.js';
import { warn } from './warn.js';

/** Options of one IdempotencyHandler: one wrapped function. */
export interface IdempotencyHandlerOptions {
  persistenceStore: BasePersistenceLayer;
  config?: IdempotencyConfig;
  /** Prefix of every key of this function. */
  keyPrefix: string;
}

/** What `begin` decided for a call. */
export type IdempotencyStart =
  /** Idempotency is off or the payload has no key: run the function as it is. */
  | { kind: 'bypass' }
  /** A completed record exists: return `response` without running the function. */
  | { kind: 'replay'; response: unknown; record: IdempotencyRecord }
  /** This call holds the key: run the function, then `complete` or `release` the claim. */
  | { kind: 'claimed'; claim: IdempotencyRecord };

/**
 * The state machine of one idempotent function, in steps that the wrapper and middlewares share:
 * `begin` claims the key or replays, then `complete` stores the result or `release` frees the key.
 */
export class IdempotencyHandler {
  public readonly config: IdempotencyConfig;
  public readonly keyPrefix: string;
  private readonly store: BasePersistenceLayer;
  private readonly localCache?: LocalRecordCache;

  constructor(options: IdempotencyHandlerOptions) {
    this.config = options.config ?? new IdempotencyConfig({});
    this.keyPrefix = options.keyPrefix;
    this.store = options.persistenceStore;
    if (this.config.useLocalCache) this.localCache = new LocalRecordCache(this.config.maxLocalCacheSize);
  }

  /**
   * Takes the key and validation hash from the payload (before the function can mutate it), then
   * replays a completed record or claims the key.
   */
  public async begin(payload: unknown, lambdaContext?: LambdaContext): Promise<IdempotencyStart> {
    if (!this.config.isEnabled()) return { kind: 'bypass' };
    const identity = deriveIdentity(this.config, this.keyPrefix, payload);
    if (!identity) return { kind: 'bypass' };

    const cached = this.localCache?.get(identity.idempotencyKey);
    if (cached) {
      this.assertSamePayload(cached.record, identity);
      return this.replay(cached.record, cached.response?.read());
    }

    const context = lambdaContext ?? this.config.lambdaContext;
    const leaseMs = context ? context.getRemainingTimeInMillis() : this.config.inProgressExpiresAfterSeconds * 1000;
    for (let attempt = 0; attempt <= maxClaimRetries; attempt++) {
      const outcome = await this.store.tryClaim(identity, { expiresAfterSeconds: this.config.expiresAfterSeconds, leaseMs });
      if (outcome.kind === 'claimed') return { kind: 'claimed', claim: outcome.claim };
      const existing = outcome.existingRecord ?? (await this.readRecord(identity.idempotencyKey));
      // Gone or lapsed between the refused write and now: the key is free, claim again.
      if (existing && !existing.isClaimable()) return this.respondToExisting(existing, identity);
    }
    throw new IdempotencyInconsistentStateError(
      `The record of key ${identity.idempotencyKey} changed during ${maxClaimRetries + 1} claims in a row`
    );
  }

  /** Stores the function's result as the completed record of this call's claim. */
  public async complete(claim: IdempotencyRecord, result: unknown): Promise<void> {
    let responseData: JSONValue | undefined;
    try {
      responseData = encodeResponse(this.config, result);
    } catch (error) {
      await this.release(claim);
      throw error;
    }
    try {
      const record = await this.store.complete(claim, responseData, this.config.expiresAfterSeconds);
      this.localCache?.set(record);
    } catch (error) {
      if (!(error instanceof IdempotencyClaimLostError)) throw error;
      // The function ran and its caller gets the result; the record now belongs to another call.
      warn('The claim lapsed and was taken over before completion; the result was not stored', claim.idempotencyKey);
    }
  }

  /** Deletes this call's claim so the key can run again; a failure is logged, not thrown. */
  public async release(claim: IdempotencyRecord): Promise<void> {
    try {
      await this.store.release(claim);
    } catch (error) {
      warn('Failed to delete the claim; it lapses at its in-progress expiry', claim.idempotencyKey, error);
    }
  }

  /** Runs `fn` idempotently: the whole state machine for one call. */
  public async run<Result>(
    fn: (this: unknown, ...args: unknown[]) => Result,
    thisArg: unknown,
    args: unknown[],
    payload: unknown,
    lambdaContext?: LambdaContext
  ): Promise<Awaited<Result>> {
    const start = await this.begin(payload, lambdaContext);
    if (start.kind === 'bypass') return await fn.apply(thisArg, args);
    if (start.kind === 'replay') return start.response as Awaited<Result>;
    let result: Awaited<Result>;
    try {
      result = await fn.apply(thisArg, args);
    } catch (error) {
      await this.release(start.claim);
      throw error;
    }
    await this.complete(start.claim, result);
    return result;
  }

  private respondToExisting(existing: IdempotencyRecord, identity: RequestIdentity): IdempotencyStart {
    this.assertSamePayload(existing, identity);
    if (existing.getStatus() === IdempotencyRecordStatus.INPROGRESS) {
      throw new IdempotencyAlreadyInProgressError(
        `A call with idempotency key ${identity.idempotencyKey} is already in progress`,
        existing
      );
    }
    this.localCache?.set(existing);
    return this.replay(existing, existing.getResponse());
  }

  private replay(record: IdempotencyRecord, response: JSONValue | undefined): IdempotencyStart {
    const hooked = this.config.responseHook && response !== undefined ? this.config.responseHook(response, record) : response;
    return { kind: 'replay', response: decodeResponse(this.config, hooked), record };
  }

  private assertSamePayload(record: IdempotencyRecord, identity: RequestIdentity): void {
    if (identity.payloadHash !== undefined && record.payloadHash !== identity.payloadHash) {
      throw new IdempotencyValidationError(
        `The payload of idempotency key ${identity.idempotencyKey} differs from the one stored`,
        record
      );
    }
  }

  private async readRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    try {
      return await this.store.fetch(idempotencyKey);
    } catch (error) {
      if (error instanceof IdempotencyItemNotFoundError) return undefined;
      throw error;
    }
  }
}
