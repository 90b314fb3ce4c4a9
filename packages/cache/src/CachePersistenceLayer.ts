import {
  BasePersistenceLayer,
  IdempotencyClaimLostError,
  IdempotencyConfigurationError,
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyPersistenceConsistencyError,
} from '@idem/core';
import type { ClaimRefusal, IdempotencyRecord } from '@idem/core/persistence';
import type { CacheClientKind, CacheConnection } from './clients/CacheConnection.js';
import { connectCacheClient } from './clients/connectCacheClient.js';
import { replyText } from './clients/replyText.js';
import { decodeRecord, encodeRecord } from './record/recordFormat.js';
import { claimScript, completeScript, extendScript, releaseScript } from './scripts/recordScripts.js';
import type { CachePersistenceOptions } from './types/CachePersistenceOptions.js';

/**
 * Idempotency records in Redis or Valkey, standalone or cluster. Every operation touches one key
 * and every write carries a TTL, so the server drops records at their expiry.
 *
 * With a client that runs scripts (ioredis, GLIDE, node-redis) the claim is one atomic script
 * that also returns the stored record when it refuses, and completion and release happen only
 * for the claim's owner. A plain `CacheClient` gets SET NX plus GET: see docs/cache.md for what
 * it cannot do atomically.
 */
export class CachePersistenceLayer extends BasePersistenceLayer {
  private readonly connection: CacheConnection;
  private readonly keyPrefix: string;

  constructor(options: CachePersistenceOptions) {
    super();
    const client: unknown = options?.client;
    if (typeof client !== 'object' || client === null) {
      throw new IdempotencyConfigurationError('client is required: pass a connected Redis or Valkey client');
    }
    const { get, set, del } = client as Record<string, unknown>;
    if (typeof get !== 'function' || typeof set !== 'function' || typeof del !== 'function') {
      throw new IdempotencyConfigurationError('client must have get, set and del methods');
    }
    this.connection = connectCacheClient(options.client);
    this.keyPrefix = options.keyPrefix ?? '';
  }

  /** Which adapter the client was recognised as: 'ioredis', 'glide', 'node-redis' or 'cache-client'. */
  public get clientKind(): CacheClientKind {
    return this.connection.kind;
  }

  /** True when claims, completions and releases are single atomic scripts. */
  public get runsScripts(): boolean {
    return this.connection.runScript !== undefined;
  }

  /** The Redis key of an idempotency key. */
  public storageKey(idempotencyKey: string): string {
    return this.keyPrefix + idempotencyKey;
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const value = await this.store(() => this.connection.get(this.storageKey(idempotencyKey)));
    if (value === null) throw new IdempotencyItemNotFoundError(`No idempotency record for key ${idempotencyKey}`);
    return decodeRecord(idempotencyKey, value);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const refusal = await this.putUnlessLive(record);
    if (refusal) {
      throw refusal.existingRecord
        ? alreadyExists(refusal.existingRecord)
        : new IdempotencyItemAlreadyExistsError(`A record existed for key ${record.idempotencyKey}`);
    }
  }

  /**
   * A refused claim is the common case (every repeat): it comes back as a result, since building
   * an IdempotencyItemAlreadyExistsError (its stack trace) cost more than the rest of a repeat.
   */
  protected override async _putRecordUnlessLive(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    // A subclass that redefines _putRecord (a test double, a store built on this one) must see
    // every claim go through it; only this class's own _putRecord may be skipped.
    if (this._putRecord !== CachePersistenceLayer.prototype._putRecord) return super._putRecordUnlessLive(record);
    return this.putUnlessLive(record);
  }

  /** Writes the claim if no live record holds the key; otherwise returns the refusal. */
  private async putUnlessLive(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    const key = this.storageKey(record.idempotencyKey);
    const value = encodeRecord(record, 'INPROGRESS');
    const now = Date.now();
    const { runScript } = this.connection;
    if (runScript) {
      const reply = await this.store(() =>
        runScript(claimScript, key, [value, String(ttlUntil(recordExpiryMs(record), now)), String(now)])
      );
      const existing = replyText(reply);
      return existing === null ? undefined : { existingRecord: decodeRecord(record.idempotencyKey, existing) };
    }
    if (await this.store(() => this.connection.setIfAbsent(key, value, this.claimTtlWithoutScripts(record, now)))) return undefined;
    const stored = await this.store(() => this.connection.get(key));
    // Vanished since the refusal: the engine reads again and claims again.
    if (stored === null) return {};
    const existing = decodeRecord(record.idempotencyKey, stored);
    // A client that reports a successful NX write as null still wrote our own record.
    if (existing.ownerToken !== undefined && existing.ownerToken === record.ownerToken) return undefined;
    return { existingRecord: existing };
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const key = this.storageKey(record.idempotencyKey);
    const value = encodeRecord(record, 'COMPLETED');
    const ttlMs = ttlUntil(recordExpiryMs(record), Date.now());
    const { runScript } = this.connection;
    if (runScript) {
      const reply = await this.store(() => runScript(completeScript, key, [value, String(ttlMs), record.ownerToken ?? '']));
      if (reply === 1) return;
      const stored = replyText(reply);
      throw claimLost(record, stored === null ? undefined : decodeRecord(record.idempotencyKey, stored));
    }
    // Read, compare, write: another call can take the key over in between; docs/cache.md.
    const stored = await this.store(() => this.connection.get(key));
    const existing = stored === null ? undefined : decodeRecord(record.idempotencyKey, stored);
    if (!existing || existing.ownerToken !== record.ownerToken) throw claimLost(record, existing);
    await this.store(() => this.connection.set(key, value, ttlMs));
  }

  protected override async _extendRecord(record: IdempotencyRecord): Promise<void> {
    const key = this.storageKey(record.idempotencyKey);
    const value = encodeRecord(record, 'INPROGRESS');
    const now = Date.now();
    const { runScript } = this.connection;
    if (runScript) {
      const ttlMs = String(ttlUntil(recordExpiryMs(record), now));
      const reply = await this.store(() => runScript(extendScript, key, [value, ttlMs, record.ownerToken ?? '']));
      if (reply === 1) return;
      const stored = replyText(reply);
      throw claimLost(record, stored === null ? undefined : decodeRecord(record.idempotencyKey, stored));
    }
    // Read, compare, write, as completion without scripts.
    const stored = await this.store(() => this.connection.get(key));
    const existing = stored === null ? undefined : decodeRecord(record.idempotencyKey, stored);
    if (!existing || existing.ownerToken !== record.ownerToken || existing.getStatus() !== 'INPROGRESS') {
      throw claimLost(record, existing);
    }
    await this.store(() => this.connection.set(key, value, this.claimTtlWithoutScripts(record, now)));
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    const key = this.storageKey(record.idempotencyKey);
    const { runScript } = this.connection;
    if (runScript) {
      await this.store(() => runScript(releaseScript, key, [record.ownerToken ?? '']));
      return;
    }
    const stored = await this.store(() => this.connection.get(key));
    if (stored === null) return;
    // A foreign value is left alone, as the release script does.
    let existing: IdempotencyRecord;
    try {
      existing = decodeRecord(record.idempotencyKey, stored);
    } catch {
      return;
    }
    if (existing.ownerToken === record.ownerToken) await this.store(() => this.connection.del(key));
  }

  /**
   * Without scripts a claim lives only until its in-progress expiry, so the server itself frees a
   * lapsed claim, which SET NX could not take over.
   */
  private claimTtlWithoutScripts(record: IdempotencyRecord, nowMs: number): number {
    const leaseEndMs = record.inProgressExpiryTimestamp ?? Number.POSITIVE_INFINITY;
    return ttlUntil(Math.min(recordExpiryMs(record), leaseEndMs), nowMs);
  }

  /** Runs a client call; a key that holds another Redis type is a consistency error, not a store fault. */
  private async store<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof Error && error.message.includes('WRONGTYPE')) {
        throw new IdempotencyPersistenceConsistencyError(
          `An idempotency key holds a value that is not a string: ${error.message}`,
          { cause: error }
        );
      }
      throw error;
    }
  }
}

function recordExpiryMs(record: IdempotencyRecord): number {
  if (record.expiryTimestamp === undefined) {
    throw new IdempotencyConfigurationError(`The record of key ${record.idempotencyKey} has no expiryTimestamp`);
  }
  return record.expiryTimestamp * 1000;
}

/** Milliseconds from now to the end; at least 1, since PX 0 is an error and no TTL is never written. */
function ttlUntil(endMs: number, nowMs: number): number {
  return Math.max(1, Math.ceil(endMs - nowMs));
}

function alreadyExists(existing: IdempotencyRecord): IdempotencyItemAlreadyExistsError {
  return new IdempotencyItemAlreadyExistsError(`A live record exists for key ${existing.idempotencyKey}`, existing);
}

function claimLost(record: IdempotencyRecord, existing: IdempotencyRecord | undefined): IdempotencyClaimLostError {
  return new IdempotencyClaimLostError(
    `The claim on key ${record.idempotencyKey} is no longer held by this call`,
    existing
  );
}
