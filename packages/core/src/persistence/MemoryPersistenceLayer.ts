import { assertKnownOptions, optionNames } from '../config/knownOptions.js';
import { IdempotencyRecordStatus } from '../constants.js';
import { IdempotencyConfigurationError } from '../errors.js';
import { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import { JsonSnapshot } from '../serialization/JsonSnapshot.js';
import type { JSONValue } from '../types/json.js';
import type { IdempotencyRecordStatusValue } from '../types/record.js';
import type { ClaimRefusal } from '../types/store.js';
import { BasePersistenceLayer } from './BasePersistenceLayer.js';
import type { StoreAnswer } from './RecordStore.js';
import { claimLostError, recordNotFoundError, unreadableRecordError } from './storeErrors.js';

/** A record as the memory store keeps it: the response as a snapshot, so no caller shares its objects. */
interface StoredRecord {
  status: IdempotencyRecordStatusValue;
  expiryTimestamp?: number;
  inProgressExpiryTimestamp?: number;
  payloadHash?: string;
  ownerToken?: string;
  response?: JsonSnapshot;
}

/** Options of MemoryPersistenceLayer. */
export interface MemoryPersistenceOptions {
  /**
   * Writes between two full sweeps for expired records. Each write also drops expired records
   * from the oldest end, so memory follows the number of live records.
   * @default 1000
   */
  sweepInterval?: number;
}

const memoryOptionNames = optionNames<MemoryPersistenceOptions>({ sweepInterval: true });

/**
 * The embedded default store: records in a Map of this process. Every primitive checks and
 * writes synchronously, answering without a promise, so claims are atomic within the process.
 * It does not share records across processes or hosts: use it for tests, local development and
 * single-process services.
 */
export class MemoryPersistenceLayer extends BasePersistenceLayer {
  private readonly records = new Map<string, StoredRecord>();
  private readonly sweepInterval: number;
  private writesSinceSweep = 0;
  /**
   * No record expires before this (seconds since the epoch): lowered by every write, set exactly
   * by every full sweep. A full sweep before it would delete nothing, so it is skipped: sweeping
   * a large store every `sweepInterval` writes cost more than the rest of a write.
   */
  private earliestExpiry = Number.POSITIVE_INFINITY;

  constructor(options: MemoryPersistenceOptions = {}) {
    super();
    assertKnownOptions(options, memoryOptionNames, 'MemoryPersistenceLayer');
    const sweepInterval = options.sweepInterval ?? 1000;
    if (!Number.isInteger(sweepInterval) || sweepInterval < 1) {
      throw new IdempotencyConfigurationError(`sweepInterval: expected a positive integer, got ${String(sweepInterval)}`);
    }
    this.sweepInterval = sweepInterval;
  }

  /** Number of records held, expired ones not yet reclaimed included. */
  public get size(): number {
    return this.records.size;
  }

  protected _getRecord(idempotencyKey: string): StoreAnswer<IdempotencyRecord> {
    const stored = this.records.get(idempotencyKey);
    if (!stored) throw recordNotFoundError(idempotencyKey);
    return toRecord(idempotencyKey, stored);
  }

  /** Checks and writes at once, so no other claim interleaves. */
  protected override _claimRecord(record: IdempotencyRecord): StoreAnswer<ClaimRefusal | undefined> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing) {
      const existingRecord = toRecord(record.idempotencyKey, existing);
      if (!existingRecord.isClaimable()) return { existingRecord };
    }
    this.write(record, existing !== undefined);
    return undefined;
  }

  protected _updateRecord(record: IdempotencyRecord): StoreAnswer<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing?.ownerToken !== record.ownerToken) {
      throw claimLostError(record, existing && toRecord(record.idempotencyKey, existing));
    }
    this.write(record, true);
  }

  protected override _extendRecord(record: IdempotencyRecord): StoreAnswer<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (!existing || existing.ownerToken !== record.ownerToken || existing.status !== 'INPROGRESS') {
      throw claimLostError(record);
    }
    existing.inProgressExpiryTimestamp = record.inProgressExpiryTimestamp;
  }

  protected _deleteRecord(record: IdempotencyRecord): StoreAnswer<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing && existing.ownerToken === record.ownerToken) this.records.delete(record.idempotencyKey);
  }

  /** Writes the record as the newest; `replaces` when the key holds one (a new key needs no delete). */
  private write(record: IdempotencyRecord, replaces: boolean): void {
    // Re-inserting keeps the Map in write order, so the oldest records come first.
    if (replaces) this.records.delete(record.idempotencyKey);
    this.records.set(record.idempotencyKey, {
      status: record.status,
      expiryTimestamp: record.expiryTimestamp,
      inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
      payloadHash: record.payloadHash,
      ownerToken: record.ownerToken,
      response: JsonSnapshot.of(record.responseData),
    });
    if (record.expiryTimestamp !== undefined && record.expiryTimestamp < this.earliestExpiry) {
      this.earliestExpiry = record.expiryTimestamp;
    }
    this.reclaimExpired();
  }

  private reclaimExpired(): void {
    const fullSweep = ++this.writesSinceSweep >= this.sweepInterval;
    if (fullSweep) this.writesSinceSweep = 0;
    const now = Date.now();
    // Before the earliest expiry nothing has expired: neither the oldest end nor a full sweep
    // would delete anything, and walking them allocates an iterator and an entry per write.
    if (now < this.earliestExpiry * 1000) return;
    let earliestKept = Number.POSITIVE_INFINITY;
    for (const [key, stored] of this.records) {
      const expired = stored.expiryTimestamp !== undefined && now >= stored.expiryTimestamp * 1000;
      if (expired) this.records.delete(key);
      else if (!fullSweep) break;
      else if (stored.expiryTimestamp !== undefined && stored.expiryTimestamp < earliestKept)
        earliestKept = stored.expiryTimestamp;
    }
    if (fullSweep) this.earliestExpiry = earliestKept;
  }
}

/**
 * The record a stored entry holds. Subclasses can reach the map, so an entry this store did not
 * write is refused as the other stores refuse a foreign value, instead of replaying garbage.
 */
function toRecord(idempotencyKey: string, stored: StoredRecord): IdempotencyRecord {
  const unreadable = (reason: string) => unreadableRecordError(idempotencyKey, reason);
  if (typeof stored !== 'object' || stored === null) throw unreadable('it is not a record');
  if (!(Object.values(IdempotencyRecordStatus) as unknown[]).includes(stored.status)) {
    throw unreadable(`its status ${JSON.stringify(stored.status)} is unknown`);
  }
  if (!isOptional(stored.expiryTimestamp, 'number') || !isOptional(stored.inProgressExpiryTimestamp, 'number')) {
    throw unreadable('its expiry is not a number');
  }
  if (!isOptional(stored.payloadHash, 'string') || !isOptional(stored.ownerToken, 'string')) {
    throw unreadable('its payload hash or owner token is not a string');
  }
  if (stored.response !== undefined && !(stored.response instanceof JsonSnapshot)) {
    throw unreadable('its response is not one this store wrote');
  }
  let responseData: JSONValue | undefined;
  try {
    responseData = stored.response?.read();
  } catch {
    throw unreadable('its response is not JSON');
  }
  return new IdempotencyRecord({
    idempotencyKey,
    status: stored.status,
    expiryTimestamp: stored.expiryTimestamp,
    inProgressExpiryTimestamp: stored.inProgressExpiryTimestamp,
    payloadHash: stored.payloadHash,
    ownerToken: stored.ownerToken,
    responseData,
  });
}

function isOptional(value: unknown, type: 'number' | 'string'): boolean {
  return value === undefined || (typeof value === type && (type !== 'number' || Number.isFinite(value)));
}
