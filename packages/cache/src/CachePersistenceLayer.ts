import { assertKnownOptions, BasePersistenceLayer, IdempotencyConfigurationError, optionNames } from '@idem/core';
import {
  type ClaimRefusal,
  claimLostError,
  type IdempotencyRecord,
  type KeySchemeName,
  keySchemeOfCompatibility,
  recordNotFoundError,
  underReplicatedError,
} from '@idem/core/persistence';
import type { CacheClientKind, CacheConnection } from './clients/CacheConnection.js';
import { connectCacheClient } from './clients/connectCacheClient.js';
import { replyText } from './clients/replyText.js';
import type { ScriptAndWait } from './clients/scriptAndWait.js';
import type { CacheRecordFormat } from './record/CacheRecordFormat.js';
import { powertoolsRecordFormat } from './record/powertoolsFormat.js';
import { idemRecordFormat } from './record/recordFormat.js';
import { readReplicaAcknowledgements } from './replication/replicaAcknowledgements.js';
import { WriteScripts } from './replication/writeScripts.js';
import type { LuaScript } from './scripts/LuaScript.js';
import type { CachePersistenceOptions } from './types/CachePersistenceOptions.js';

/** Every option name of CachePersistenceOptions, for the check of unknown options. */
const cacheOptionNames = optionNames<CachePersistenceOptions>({
  client: true,
  storageKeyPrefix: true,
  expiryAttr: true,
  inProgressExpiryAttr: true,
  statusAttr: true,
  dataAttr: true,
  validationKeyAttr: true,
  compatibility: true,
  replicaAcknowledgements: true,
});

/**
 * Idempotency records in Redis or Valkey, standalone or cluster. Every operation touches one key
 * and every write carries a TTL, so the server drops records at their expiry.
 *
 * With a client that runs scripts (ioredis, GLIDE, node-redis) the claim is one atomic script
 * that also returns the stored record when it refuses, and completion and release happen only
 * for the claim's owner. A plain `CacheClient` gets SET NX plus GET: see docs/cache.md for what
 * it cannot do atomically. With `compatibility: 'powertools'` keys and values are Powertools'
 * (record/powertoolsFormat.ts).
 *
 * With `replicaAcknowledgements`, each write script travels with a `WAIT` in one pipeline, and a
 * write that too few replicas acknowledged raises `IdempotencyUnderReplicatedError` (see `_claimRecord`).
 */
export class CachePersistenceLayer extends BasePersistenceLayer {
  /** Whose keys the functions wrapped over this layer write: Powertools' in compatibility, else idem's. */
  public readonly keyScheme: KeySchemeName;
  private readonly connection: CacheConnection;
  private readonly storageKeyPrefix: string;
  private readonly format: CacheRecordFormat;
  private readonly writeScripts: WriteScripts;

  constructor(options: CachePersistenceOptions) {
    super();
    assertKnownOptions(options, cacheOptionNames, 'CachePersistenceLayer');
    const client: unknown = options?.client;
    if (typeof client !== 'object' || client === null) {
      throw new IdempotencyConfigurationError('client is required: pass a connected Redis or Valkey client');
    }
    const { get, set, del } = client as Record<string, unknown>;
    if (typeof get !== 'function' || typeof set !== 'function' || typeof del !== 'function') {
      throw new IdempotencyConfigurationError('client must have get, set and del methods');
    }
    this.connection = connectCacheClient(options.client);
    const storageKeyPrefix = options.storageKeyPrefix ?? '';
    if (typeof storageKeyPrefix !== 'string') {
      throw new IdempotencyConfigurationError(`storageKeyPrefix: expected a string, got ${String(storageKeyPrefix)}`);
    }
    this.storageKeyPrefix = storageKeyPrefix;
    this.keyScheme = keySchemeOfCompatibility(options.compatibility);
    if (this.keyScheme === 'powertools' && storageKeyPrefix !== '') {
      throw new IdempotencyConfigurationError(
        "storageKeyPrefix: not available with compatibility 'powertools': Powertools stores each record under its bare idempotency key"
      );
    }
    this.format = this.keyScheme === 'powertools' ? powertoolsRecordFormat(options) : idemRecordFormat;
    const wait = readReplicaAcknowledgements(options.replicaAcknowledgements, this.connection.runScriptAndWait !== undefined);
    this.writeScripts = new WriteScripts(this.connection, wait);
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
    return this.storageKeyPrefix + idempotencyKey;
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const value = await this.connection.get(this.storageKey(idempotencyKey));
    if (value === null) throw recordNotFoundError(idempotencyKey);
    return this.format.decode(idempotencyKey, value);
  }

  /**
   * The claim script, which returns the stored value when it refuses; without scripts SET NX, then
   * GET. A claim too few replicas acknowledged is released (its function never ran, and left in
   * place it would block its key until its lease ends) and fails as under-replicated.
   */
  protected override async _claimRecord(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    const key = this.storageKey(record.idempotencyKey);
    const value = this.format.encode(record);
    const now = Date.now();
    const { runScript } = this.connection;
    if (runScript) {
      const claimTtl = (at: number) => String(ttlUntil(recordExpiryMs(record), at));
      const written = await this.writeScripts.run(this.format.scripts.claim, key, [value, claimTtl(now), String(now)]);
      // 0: the stored record is stale, and this format replaces one only under its takeover lock.
      if (written.reply === 0) {
        return this.underTakeoverLock(key, async () => {
          const at = Date.now();
          const args = [value, claimTtl(at), String(at), '1'];
          return this.claimedOrRefused(record, key, await this.writeScripts.run(this.format.scripts.claim, key, args));
        });
      }
      return this.claimedOrRefused(record, key, written);
    }
    if (await this.connection.setIfAbsent(key, value, this.claimTtlWithoutScripts(record, now))) return undefined;
    const stored = await this.connection.get(key);
    // Vanished since the refusal: the engine reads again and claims again.
    if (stored === null) return {};
    const existing = this.format.decode(record.idempotencyKey, stored);
    // A client that reports a successful NX write as null still wrote our own record.
    if (existing.ownerToken !== undefined && existing.ownerToken === record.ownerToken) return undefined;
    if (this.format.takeoverLock && existing.isClaimable()) {
      return this.underTakeoverLock(key, () => this.replaceStaleWithoutScripts(record, key, value));
    }
    return { existingRecord: existing };
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const ttlMs = ttlUntil(recordExpiryMs(record), Date.now());
    await this.writeIfOwned(record, this.format.scripts.complete, ttlMs, (existing) => existing !== undefined);
  }

  /** A renewal too few replicas acknowledged raises the error too: the engine reports it and renews at the next tick. */
  protected override async _extendRecord(record: IdempotencyRecord): Promise<void> {
    const now = Date.now();
    const ttlMs = this.connection.runScript ? ttlUntil(recordExpiryMs(record), now) : this.claimTtlWithoutScripts(record, now);
    await this.writeIfOwned(record, this.format.scripts.extend, ttlMs, (existing) => existing?.getStatus() === 'INPROGRESS');
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    const key = this.storageKey(record.idempotencyKey);
    const { runScript } = this.connection;
    if (runScript) {
      await runScript(this.format.scripts.release, key, [record.ownerToken ?? '']);
      return;
    }
    const stored = await this.connection.get(key);
    if (stored === null) return;
    // A foreign value is left alone, as the release script does.
    let existing: IdempotencyRecord;
    try {
      existing = this.format.decode(record.idempotencyKey, stored);
    } catch {
      return;
    }
    if (existing.ownerToken === record.ownerToken) await this.connection.del(key);
  }

  /** WRONGTYPE: the key holds a hash, list or set, which no record is. */
  protected override isUnreadableValue(error: unknown): boolean {
    return error instanceof Error && error.message.includes('WRONGTYPE');
  }

  /**
   * Writes `record` with `ttlMs` only while the stored record is the caller's claim: atomically by
   * `script`, which answers 1 or the stored value; without scripts by read, compare, write, in
   * which another call can take the key over in between (docs/cache.md). A write too few replicas
   * acknowledged stays on the primary and raises the under-replicated error.
   */
  private async writeIfOwned(
    record: IdempotencyRecord,
    script: LuaScript,
    ttlMs: number,
    writable: (existing: IdempotencyRecord | undefined) => boolean
  ): Promise<void> {
    const key = this.storageKey(record.idempotencyKey);
    const value = this.format.encode(record);
    const { runScript } = this.connection;
    if (runScript) {
      const written = await this.writeScripts.run(script, key, [value, String(ttlMs), record.ownerToken ?? '']);
      if (written.reply === 1) {
        const shortfall = this.writeScripts.shortfall(written);
        if (shortfall) throw underReplicatedError(record, shortfall, 'it is stored on the primary, where a failover may lose it');
        return;
      }
      const stored = replyText(written.reply);
      throw claimLostError(record, stored === null ? undefined : this.format.decode(record.idempotencyKey, stored));
    }
    const stored = await this.connection.get(key);
    const existing = stored === null ? undefined : this.format.decode(record.idempotencyKey, stored);
    if (!writable(existing) || existing?.ownerToken !== record.ownerToken) throw claimLostError(record, existing);
    await this.connection.set(key, value, ttlMs);
  }

  /**
   * A claim script's answer: nil when it wrote the claim, else the stored value that refused it.
   * A written claim too few replicas acknowledged is released and fails.
   */
  private async claimedOrRefused(
    record: IdempotencyRecord,
    key: string,
    written: Partial<ScriptAndWait>
  ): Promise<ClaimRefusal | undefined> {
    const existing = replyText(written.reply);
    if (existing !== null) return { existingRecord: this.format.decode(record.idempotencyKey, existing) };
    const shortfall = this.writeScripts.shortfall(written);
    if (shortfall) throw underReplicatedError(record, shortfall, await this.releaseUnacknowledgedClaim(record, key));
    return undefined;
  }

  /** Deletes a claim too few replicas acknowledged (owner-checked, not waited for); says what became of it. */
  private async releaseUnacknowledgedClaim(record: IdempotencyRecord, key: string): Promise<string> {
    try {
      await this.connection.runScript?.(this.format.scripts.release, key, [record.ownerToken ?? '']);
      return 'the claim was released and the function not run';
    } catch (error) {
      return `the function was not run; releasing the claim failed (${(error as Error)?.message}), so it lapses at its in-progress expiry`;
    }
  }

  /**
   * Runs `takeOver` (the replacement of a stale record) only after winning the format's takeover
   * lock, as Powertools does before it replaces one; the lock is left to expire, as Powertools
   * leaves it. Someone else holding it is taking the record over: the claim is refused without a
   * record, so the engine reads what they wrote.
   */
  private async underTakeoverLock(
    key: string,
    takeOver: () => Promise<ClaimRefusal | undefined>
  ): Promise<ClaimRefusal | undefined> {
    const lock = this.format.takeoverLock;
    if (lock && !(await this.connection.setIfAbsent(lock.key(key), lock.value, lock.ttlMs))) return {};
    return takeOver();
  }

  /** Without scripts, under the lock: read again, and write over the record only if it is still stale. */
  private async replaceStaleWithoutScripts(
    record: IdempotencyRecord,
    key: string,
    value: string
  ): Promise<ClaimRefusal | undefined> {
    const stored = await this.connection.get(key);
    const existing = stored === null ? undefined : this.format.decode(record.idempotencyKey, stored);
    if (existing && !existing.isClaimable()) return { existingRecord: existing };
    await this.connection.set(key, value, this.claimTtlWithoutScripts(record, Date.now()));
    return undefined;
  }

  /**
   * Without scripts a claim lives only until its in-progress expiry, so the server itself frees a
   * lapsed claim, which SET NX could not take over; a format with a takeover lock takes it over,
   * so its claims live to their expiry, as Powertools writes them.
   */
  private claimTtlWithoutScripts(record: IdempotencyRecord, nowMs: number): number {
    const leaseEndMs = (!this.format.takeoverLock && record.inProgressExpiryTimestamp) || Number.POSITIVE_INFINITY;
    return ttlUntil(Math.min(recordExpiryMs(record), leaseEndMs), nowMs);
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
