import { assertKnownOptions, BasePersistenceLayer, IdempotencyConfigurationError, optionNames } from '@idem/core';
import {
  type ClaimRefusal,
  claimLostError,
  type IdempotencyRecord,
  recordNotFoundError,
  underReplicatedError,
} from '@idem/core/persistence';
import type { CacheClientKind, CacheConnection } from './clients/CacheConnection.js';
import { connectCacheClient } from './clients/connectCacheClient.js';
import { replyText } from './clients/replyText.js';
import type { ScriptAndWait, WaitFor } from './clients/scriptAndWait.js';
import { decodeRecord, encodeRecord } from './record/recordFormat.js';
import { readReplicaAcknowledgements } from './replication/replicaAcknowledgements.js';
import type { LuaScript } from './scripts/LuaScript.js';
import { claimScript, completeScript, extendScript, releaseScript } from './scripts/recordScripts.js';
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
  replicaAcknowledgements: true,
});

/**
 * Idempotency records in Redis or Valkey, standalone or cluster. Every operation touches one key
 * and every write carries a TTL, so the server drops records at their expiry.
 *
 * With a client that runs scripts (ioredis, GLIDE, node-redis) the claim is one atomic script
 * that also returns the stored record when it refuses, and completion and release happen only
 * for the claim's owner. A plain `CacheClient` gets SET NX plus GET: see docs/cache.md for what
 * it cannot do atomically.
 *
 * With `replicaAcknowledgements`, each write script travels with a `WAIT` in one pipeline, and a
 * write that too few replicas acknowledged raises `IdempotencyUnderReplicatedError` (see `_claimRecord`).
 */
export class CachePersistenceLayer extends BasePersistenceLayer {
  private readonly connection: CacheConnection;
  private readonly storageKeyPrefix: string;
  private readonly replicaAcknowledgements?: WaitFor;

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
    this.replicaAcknowledgements = readReplicaAcknowledgements(
      options.replicaAcknowledgements,
      this.connection.runScriptAndWait !== undefined
    );
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
    return decodeRecord(idempotencyKey, value);
  }

  /**
   * The claim script, which returns the stored value when it refuses; without scripts SET NX, then
   * GET. A claim too few replicas acknowledged is released (its function never ran, and left in
   * place it would block its key until its lease ends) and fails as under-replicated.
   */
  protected override async _claimRecord(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    const key = this.storageKey(record.idempotencyKey);
    const value = encodeRecord(record);
    const now = Date.now();
    const { runScript } = this.connection;
    if (runScript) {
      const written = await this.runWriteScript(claimScript, key, [
        value,
        String(ttlUntil(recordExpiryMs(record), now)),
        String(now),
      ]);
      const existing = replyText(written.reply);
      if (existing !== null) return { existingRecord: decodeRecord(record.idempotencyKey, existing) };
      const shortfall = this.shortfall(written);
      if (shortfall) throw underReplicatedError(record, shortfall, await this.releaseUnacknowledgedClaim(record, key));
      return undefined;
    }
    if (await this.connection.setIfAbsent(key, value, this.claimTtlWithoutScripts(record, now))) return undefined;
    const stored = await this.connection.get(key);
    // Vanished since the refusal: the engine reads again and claims again.
    if (stored === null) return {};
    const existing = decodeRecord(record.idempotencyKey, stored);
    // A client that reports a successful NX write as null still wrote our own record.
    if (existing.ownerToken !== undefined && existing.ownerToken === record.ownerToken) return undefined;
    return { existingRecord: existing };
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const ttlMs = ttlUntil(recordExpiryMs(record), Date.now());
    await this.writeIfOwned(record, completeScript, ttlMs, (existing) => existing !== undefined);
  }

  /** A renewal too few replicas acknowledged raises the error too: the engine reports it and renews at the next tick. */
  protected override async _extendRecord(record: IdempotencyRecord): Promise<void> {
    const now = Date.now();
    const ttlMs = this.connection.runScript ? ttlUntil(recordExpiryMs(record), now) : this.claimTtlWithoutScripts(record, now);
    await this.writeIfOwned(record, extendScript, ttlMs, (existing) => existing?.getStatus() === 'INPROGRESS');
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    const key = this.storageKey(record.idempotencyKey);
    const { runScript } = this.connection;
    if (runScript) {
      await runScript(releaseScript, key, [record.ownerToken ?? '']);
      return;
    }
    const stored = await this.connection.get(key);
    if (stored === null) return;
    // A foreign value is left alone, as the release script does.
    let existing: IdempotencyRecord;
    try {
      existing = decodeRecord(record.idempotencyKey, stored);
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
    const value = encodeRecord(record);
    const { runScript } = this.connection;
    if (runScript) {
      const written = await this.runWriteScript(script, key, [value, String(ttlMs), record.ownerToken ?? '']);
      if (written.reply === 1) {
        const shortfall = this.shortfall(written);
        if (shortfall) throw underReplicatedError(record, shortfall, 'it is stored on the primary, where a failover may lose it');
        return;
      }
      const stored = replyText(written.reply);
      throw claimLostError(record, stored === null ? undefined : decodeRecord(record.idempotencyKey, stored));
    }
    const stored = await this.connection.get(key);
    const existing = stored === null ? undefined : decodeRecord(record.idempotencyKey, stored);
    if (!writable(existing) || existing?.ownerToken !== record.ownerToken) throw claimLostError(record, existing);
    await this.connection.set(key, value, ttlMs);
  }

  /** Deletes a claim too few replicas acknowledged (owner-checked, not waited for); says what became of it. */
  private async releaseUnacknowledgedClaim(record: IdempotencyRecord, key: string): Promise<string> {
    try {
      await this.connection.runScript?.(releaseScript, key, [record.ownerToken ?? '']);
      return 'the claim was released and the function not run';
    } catch (error) {
      return `the function was not run; releasing the claim failed (${(error as Error)?.message}), so it lapses at its in-progress expiry`;
    }
  }

  /**
   * Runs a script that writes. With `replicaAcknowledgements`, WAIT rides in the same round trip;
   * its count matters only when the script wrote, but it cannot be left out beforehand.
   */
  private async runWriteScript(script: LuaScript, key: string, args: string[]): Promise<Partial<ScriptAndWait>> {
    const { runScript, runScriptAndWait } = this.connection;
    const wait = this.replicaAcknowledgements;
    if (wait && runScriptAndWait) return runScriptAndWait(script, key, args, wait);
    return { reply: await runScript?.(script, key, args) };
  }

  /** The shortfall of a write that fewer replicas acknowledged than asked; undefined when enough did or none were asked. */
  private shortfall({
    acknowledged,
  }: Partial<ScriptAndWait>): { requested: number; acknowledged: number; timeoutMs: number } | undefined {
    const wait = this.replicaAcknowledgements;
    if (!wait || acknowledged === undefined || acknowledged >= wait.replicas) return undefined;
    return { requested: wait.replicas, acknowledged, timeoutMs: wait.timeoutMs };
  }

  /**
   * Without scripts a claim lives only until its in-progress expiry, so the server itself frees a
   * lapsed claim, which SET NX could not take over.
   */
  private claimTtlWithoutScripts(record: IdempotencyRecord, nowMs: number): number {
    const leaseEndMs = record.inProgressExpiryTimestamp ?? Number.POSITIVE_INFINITY;
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
