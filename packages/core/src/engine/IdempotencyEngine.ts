import { IdempotencyConfig } from '../config/IdempotencyConfig.js';
import { IdempotencyRecordStatus, maxClaimRetries } from '../constants.js';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyClaimLostError,
  IdempotencyConfigurationError,
  IdempotencyInconsistentStateError,
  IdempotencyItemNotFoundError,
  IdempotencyUnderReplicatedError,
  IdempotencyValidationError,
} from '../errors.js';
import type { IdempotencyLifecycle } from '../lifecycle/IdempotencyLifecycle.js';
import { decodeResponse, encodeResponse } from '../serialization/responseCodec.js';
import type { IdempotencyConfigInterface } from '../types/config.js';
import type { LambdaHandlerContext } from '../types/durable.js';
import type { IdempotencyEngineOptions } from '../types/engine.js';
import type { IdempotencyEvent, IdempotencyStoreOperation } from '../types/events.js';
import type { JSONValue } from '../types/json.js';
import type { IdempotencyRecordInterface } from '../types/record.js';
import type { ClaimOptions, IdempotencyStore, RequestIdentity } from '../types/store.js';
import { ClaimRenewals } from './ClaimRenewals.js';
import { checkEngineOptions } from './checkEngineOptions.js';
import { deriveIdentity } from './deriveIdentity.js';
import { durableClaimOptions, isDurableContext, reentersOwnClaim } from './durableContext.js';
import { type KeyScheme, keySchemeOf } from './keySchemes.js';
import { LocalRecordCache } from './LocalRecordCache.js';
import { warn } from './warn.js';

/** What `begin` decided for a call. */
export type IdempotencyStart =
  /** Idempotency is off or the payload has no key: run the function as it is. */
  | { kind: 'bypass' }
  /** A completed record exists: return `response` without running the function. */
  | { kind: 'replay'; response: unknown; record: IdempotencyRecordInterface }
  /**
   * This call holds the key (a durable execution's replay: again): run the function, then
   * `complete` or `release` the claim.
   */
  | { kind: 'claimed'; claim: IdempotencyRecordInterface };

/**
 * The state machine of one idempotent function, as the lifecycle every front end drives:
 * `begin` claims the key or replays, then `complete` stores the result or `release` frees the key.
 * Built once per wrapped function; per-call state lives in the claim records it hands out.
 */
export class IdempotencyEngine
  implements IdempotencyLifecycle<unknown, LambdaHandlerContext, unknown, IdempotencyRecordInterface>
{
  public readonly config: IdempotencyConfigInterface;
  public readonly keyPrefix: string;
  private readonly store: IdempotencyStore;
  /** How the store names records: idem's rules, or Powertools' in compatibility. */
  private readonly keyScheme: KeyScheme;
  private readonly localCache?: LocalRecordCache;
  private readonly renewals?: ClaimRenewals;
  /** When each claim was made, for the duration of `completed` and `released` events; kept only under `onEvent`. */
  private readonly claimedAt = new WeakMap<IdempotencyRecordInterface, number>();

  constructor(options: IdempotencyEngineOptions) {
    checkEngineOptions(options);
    this.config = options.config ?? new IdempotencyConfig({});
    this.keyPrefix = options.keyPrefix;
    this.store = options.persistenceStore;
    this.keyScheme = keySchemeOf(this.store, this.config);
    if (this.config.useLocalCache) this.localCache = new LocalRecordCache(this.config.maxLocalCacheSize);
    if (this.config.renewInProgressLease) {
      if (!this.store.canRenewClaims()) {
        throw new IdempotencyConfigurationError(`renewInProgressLease: ${this.store.constructor.name} cannot renew claims`);
      }
      this.renewals = new ClaimRenewals(this.store, (event) => this.emit(event));
    }
  }

  /**
   * Takes the key and validation hash from the payload (before the function can mutate it), then
   * replays a completed record or claims the key. Under a durable execution's context, the
   * execution owns the claim and its later invocations re-enter it.
   */
  public async begin(payload: unknown, handlerContext?: LambdaHandlerContext): Promise<IdempotencyStart> {
    if (!this.config.isEnabled()) return { kind: 'bypass' };
    const identity = deriveIdentity(this.config, this.keyPrefix, payload, this.keyScheme);
    if (!identity) return { kind: 'bypass' };
    const started = this.eventClock();

    const cached = this.localCache?.get(identity.idempotencyKey);
    if (cached) {
      return this.respondToExisting(cached.record, identity, started, 'localCache', cached.response?.read());
    }

    const context = handlerContext ?? this.config.lambdaContext;
    const claimOptions: ClaimOptions = isDurableContext(context)
      ? durableClaimOptions(this.config, context)
      : {
          expiresAfterSeconds: this.config.expiresAfterSeconds,
          leaseMs: context ? context.getRemainingTimeInMillis() : this.config.inProgressExpiresAfterSeconds * 1000,
        };
    for (let attempt = 0; attempt <= maxClaimRetries; attempt++) {
      let outcome: Awaited<ReturnType<IdempotencyStore['claim']>>;
      try {
        outcome = await this.store.claim(identity, claimOptions);
      } catch (error) {
        throw this.reportStoreFailure(error, 'claim', identity, started);
      }
      if (outcome.kind === 'claimed') {
        const claim = outcome.claim;
        if (this.renewals && !context) this.renewals.start(claim, claimOptions.leaseMs);
        if (this.config.onEvent) {
          this.claimedAt.set(claim, performance.now());
          this.emit({ type: 'claimed', idempotencyKey: identity.idempotencyKey, durationMs: performance.now() - started });
        }
        return { kind: 'claimed', claim };
      }
      const existing = outcome.existingRecord ?? (await this.readRecord(identity, started));
      // Gone or lapsed between the refused write and now: the key is free, claim again.
      if (existing && !existing.isClaimable()) {
        if (reentersOwnClaim(existing, identity, claimOptions.ownerToken)) return this.reenter(existing, started);
        return this.respondToExisting(existing, identity, started, 'store', existing.getResponse());
      }
    }
    throw new IdempotencyInconsistentStateError(
      `The record of key ${identity.idempotencyKey} changed during ${maxClaimRetries + 1} claims in a row`
    );
  }

  /** Stores the function's result as the completed record of this call's claim. */
  public async complete(claim: IdempotencyRecordInterface, result: unknown): Promise<void> {
    this.renewals?.stop(claim);
    let responseData: JSONValue | undefined;
    try {
      responseData = encodeResponse(this.config, result);
    } catch (error) {
      await this.release(claim);
      throw error;
    }
    const started = this.eventClock();
    try {
      const record = await this.store.complete(claim, responseData, this.config.expiresAfterSeconds);
      this.localCache?.set(record);
      if (this.config.onEvent) {
        this.emit({ type: 'completed', idempotencyKey: claim.idempotencyKey, durationMs: this.sinceClaim(claim) });
      }
    } catch (error) {
      if (error instanceof IdempotencyUnderReplicatedError) return this.reportUnderReplicated(claim, error);
      if (!(error instanceof IdempotencyClaimLostError)) throw this.reportStoreFailure(error, 'complete', claim, started);
      // The function ran and its caller gets the result; the record now belongs to another call.
      this.emit({ type: 'claimLost', idempotencyKey: claim.idempotencyKey });
      if (!this.config.onEvent) {
        warn('The claim lapsed and was taken over before completion; the result was not stored', claim.idempotencyKey);
      }
    }
  }

  /** Deletes this call's claim so the key can run again; a failure is reported, not thrown. */
  public async release(claim: IdempotencyRecordInterface): Promise<void> {
    this.renewals?.stop(claim);
    const started = this.eventClock();
    try {
      await this.store.release(claim);
      this.emit({ type: 'released', idempotencyKey: claim.idempotencyKey, durationMs: this.sinceClaim(claim) });
    } catch (error) {
      this.reportStoreFailure(error, 'release', claim, started);
      if (!this.config.onEvent)
        warn('Failed to delete the claim; it lapses at its in-progress expiry', claim.idempotencyKey, error);
    }
  }

  /**
   * A durable execution's later invocation takes up the claim its first one made. The lease is
   * left as it is: it was set to cover the whole execution, and renewing it would keep the key of
   * an execution that Lambda has stopped blocked for longer than the execution could have run.
   */
  private reenter(claim: IdempotencyRecordInterface, started: number): IdempotencyStart {
    if (this.config.onEvent) this.claimedAt.set(claim, performance.now());
    this.emit({ type: 'reentered', idempotencyKey: claim.idempotencyKey, durationMs: performance.now() - started });
    return { kind: 'claimed', claim };
  }

  private respondToExisting(
    existing: IdempotencyRecordInterface,
    identity: RequestIdentity,
    started: number,
    replayedFrom: 'store' | 'localCache',
    response: JSONValue | undefined
  ): IdempotencyStart {
    const idempotencyKey = identity.idempotencyKey;
    if (identity.payloadHash !== undefined && existing.payloadHash !== identity.payloadHash) {
      this.emit({ type: 'validationFailed', idempotencyKey, durationMs: performance.now() - started });
      throw new IdempotencyValidationError(
        `The payload of idempotency key ${idempotencyKey} differs from the one stored`,
        existing
      );
    }
    if (existing.getStatus() === IdempotencyRecordStatus.INPROGRESS) {
      this.emit({ type: 'inProgress', idempotencyKey, durationMs: performance.now() - started });
      throw new IdempotencyAlreadyInProgressError(
        `A call with idempotency key ${idempotencyKey} is already in progress`,
        existing
      );
    }
    if (replayedFrom === 'store') this.localCache?.set(existing);
    const hooked = this.config.responseHook && response !== undefined ? this.config.responseHook(response, existing) : response;
    if (this.config.onEvent) {
      this.emit({ type: 'replayed', idempotencyKey, replayedFrom, durationMs: performance.now() - started });
    }
    return { kind: 'replay', response: decodeResponse(this.config, hooked), record: existing };
  }

  private async readRecord(identity: RequestIdentity, started: number): Promise<IdempotencyRecordInterface | undefined> {
    try {
      return await this.store.fetch(identity.idempotencyKey);
    } catch (error) {
      if (error instanceof IdempotencyItemNotFoundError) return undefined;
      throw this.reportStoreFailure(error, 'read', identity, started);
    }
  }

  /** Reports a failed store operation as a `storeError` event; returns the error to rethrow, unchanged. */
  private reportStoreFailure(
    error: unknown,
    operation: IdempotencyStoreOperation,
    subject: { idempotencyKey: string },
    started: number
  ): unknown {
    this.emit({
      type: 'storeError',
      idempotencyKey: subject.idempotencyKey,
      operation,
      errorName: (error as Error)?.name ?? 'Error',
      durationMs: performance.now() - started,
    });
    return error;
  }

  /**
   * The result is stored on the primary, so the caller gets it; the event says a failover may lose
   * it. The record stays out of the local cache, which holds only what the store confirmed.
   */
  private reportUnderReplicated(claim: IdempotencyRecordInterface, error: IdempotencyUnderReplicatedError): void {
    const idempotencyKey = claim.idempotencyKey;
    this.emit({ type: 'completed', idempotencyKey, durationMs: this.sinceClaim(claim) });
    this.emit({
      type: 'underReplicated',
      idempotencyKey,
      replicasRequested: error.replicasRequested,
      replicasAcknowledged: error.replicasAcknowledged,
    });
    if (!this.config.onEvent) {
      warn(
        `The result was stored, acknowledged by ${error.replicasAcknowledged} of ${error.replicasRequested} replica(s); a failover may lose it`,
        idempotencyKey
      );
    }
  }

  /**
   * The start of an operation, for the duration in its event; 0 when nobody listens, so a call
   * without `onEvent` reads no clock and builds no event.
   */
  private eventClock(): number {
    return this.config.onEvent ? performance.now() : 0;
  }

  private sinceClaim(claim: IdempotencyRecordInterface): number {
    return performance.now() - (this.claimedAt.get(claim) ?? performance.now());
  }

  private emit(event: IdempotencyEvent): void {
    if (!this.config.onEvent) return;
    try {
      this.config.onEvent(event);
    } catch {
      // A failing listener must not change the outcome of the call it observes.
    }
  }
}
