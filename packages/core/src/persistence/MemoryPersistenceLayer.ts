import { IdempotencyClaimLostError, IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from '../errors.js';
import { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import type { IdempotencyRecordStatusValue } from '../types/record.js';
import { BasePersistenceLayer } from './BasePersistenceLayer.js';

/** A record as the memory store keeps it: the response as JSON text, so no caller shares its objects. */
interface StoredRecord {
  status: IdempotencyRecordStatusValue;
  expiryTimestamp?: number;
  inProgressExpiryTimestamp?: number;
  payloadHash?: string;
  ownerToken?: string;
  responseText?: string;
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
    const existing = this.records.get(record.idempotencyKey);
    if (existing) {
      const existingRecord = toRecord(record.idempotencyKey, existing);
      if (!existingRecord.isClaimable()) {
        throw new IdempotencyItemAlreadyExistsError(`A live record exists for key ${record.idempotencyKey}`, existingRecord);
      }
    }
    this.write(record);
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

  private write(record: IdempotencyRecord): void {
    // Re-inserting keeps the Map in write order, so the oldest records come first.
    this.records.delete(record.idempotencyKey);
    this.records.set(record.idempotencyKey, {
      status: record.getStatus(),
      expiryTimestamp: record.expiryTimestamp,
      inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
      payloadHash: record.payloadHash,
      ownerToken: record.ownerToken,
      responseText: record.responseData === undefined ? undefined : JSON.stringify(record.responseData),
    });
    this.reclaimExpired();
  }

  private reclaimExpired(): void {
    const now = Date.now();
    const fullSweep = ++this.writesSinceSweep >= this.sweepInterval;
    if (fullSweep) this.writesSinceSweep = 0;
    for (const [key, stored] of this.records) {
      const expired = stored.expiryTimestamp !== undefined && now >= stored.expiryTimestamp * 1000;
      if (expired) this.records.delete(key);
      else if (!fullSweep) break;
    }
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
    responseData: stored.responseText === undefined ? undefined : JSON.parse(stored.responseText),
  });
}
