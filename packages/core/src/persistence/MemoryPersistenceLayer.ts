import { IdempotencyClaimLostError, IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from '../errors.js';
import { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import { JsonSnapshot } from '../serialization/JsonSnapshot.js';
import type { IdempotencyRecordStatusValue } from '../types/record.js';
import { BasePersistenceLayer, type ClaimRefusal } from './BasePersistenceLayer.js';

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

/**
 * The embedded default store: records in a Map of this process. Every primitive checks and
 * writes without awaiting in between, so claims are atomic within the process. It does not
 * share records across processes or hosts: use it for tests, local development and single-process
 * services.
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
    this.sweepInterval = options.sweepInterval ?? 1000;
  }

  /** Number of records held, expired ones not yet reclaimed included. */
  public get size(): number {
    return this.records.size;
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const stored = this.records.get(idempotencyKey);
    if (!stored) throw new IdempotencyItemNotFoundError(`No idempotency record for key ${idempotencyKey}`);
    return toRecord(idempotencyKey, stored);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const refusal = this.putUnlessLive(record);
    if (refusal) {
      throw new IdempotencyItemAlreadyExistsError(`A live record exists for key ${record.idempotencyKey}`, refusal.existingRecord);
    }
  }

  protected override async _putRecordUnlessLive(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    // A subclass that redefines _putRecord (a test double, a store built on this one) must see
    // every claim go through it; only this class's own _putRecord may be skipped.
    if (this._putRecord !== MemoryPersistenceLayer.prototype._putRecord) return super._putRecordUnlessLive(record);
    return this.putUnlessLive(record);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing?.ownerToken !== record.ownerToken) {
      throw new IdempotencyClaimLostError(
        `The claim on key ${record.idempotencyKey} is no longer held by this call`,
        existing && toRecord(record.idempotencyKey, existing)
      );
    }
    this.write(record);
  }

  protected override async _extendRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (!existing || existing.ownerToken !== record.ownerToken || existing.status !== 'INPROGRESS') {
      throw new IdempotencyClaimLostError(`The claim on key ${record.idempotencyKey} is no longer held by this call`);
    }
    existing.inProgressExpiryTimestamp = record.inProgressExpiryTimestamp;
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    const existing = this.records.get(record.idempotencyKey);
    if (existing && existing.ownerToken === record.ownerToken) this.records.delete(record.idempotencyKey);
  }

  private putUnlessLive(record: IdempotencyRecord): ClaimRefusal | undefined {
    const existing = this.records.get(record.idempotencyKey);
    if (existing) {
      const existingRecord = toRecord(record.idempotencyKey, existing);
      if (!existingRecord.isClaimable()) return { existingRecord };
    }
    this.write(record);
    return undefined;
  }

  private write(record: IdempotencyRecord): void {
    // Re-inserting keeps the Map in write order, so the oldest records come first.
    this.records.delete(record.idempotencyKey);
    this.records.set(record.idempotencyKey, {
      status: record.getStatus(),
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
    const now = Date.now();
    let fullSweep = ++this.writesSinceSweep >= this.sweepInterval;
    if (fullSweep) {
      this.writesSinceSweep = 0;
      fullSweep = now >= this.earliestExpiry * 1000;
    }
    let earliestKept = Number.POSITIVE_INFINITY;
    for (const [key, stored] of this.records) {
      const expired = stored.expiryTimestamp !== undefined && now >= stored.expiryTimestamp * 1000;
      if (expired) this.records.delete(key);
      else if (!fullSweep) break;
      else if (stored.expiryTimestamp !== undefined && stored.expiryTimestamp < earliestKept) earliestKept = stored.expiryTimestamp;
    }
    if (fullSweep) this.earliestExpiry = earliestKept;
  }
}

function toRecord(idempotencyKey: string, stored: StoredRecord): IdempotencyRecord {
  return new IdempotencyRecord({
    idempotencyKey,
    status: stored.status,
    expiryTimestamp: stored.expiryTimestamp,
    inProgressExpiryTimestamp: stored.inProgressExpiryTimestamp,
    payloadHash: stored.payloadHash,
    ownerToken: stored.ownerToken,
    responseData: stored.response?.read(),
  });
}
