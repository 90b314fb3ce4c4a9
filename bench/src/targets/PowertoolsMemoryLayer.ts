import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecordStatus,
} from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';

/** A record as the map keeps it: the response as JSON text, as idem's memory store keeps it. */
interface StoredRecord {
  status: ReturnType<IdempotencyRecord['getStatus']>;
  expiryTimestamp?: number;
  inProgressExpiryTimestamp?: number;
  payloadHash?: string;
  responseText?: string;
}

/**
 * Powertools' persistence layer on a Map, doing the work idem's MemoryPersistenceLayer does: an
 * atomic conditional claim (no await between check and write), the existing record returned
 * with a refused claim (as Powertools' DynamoDB layer does), responses copied through JSON text,
 * and expired records dropped from the oldest end on write.
 */
export class PowertoolsMemoryLayer extends BasePersistenceLayer {
  private readonly records = new Map<string, StoredRecord>();

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const stored = this.records.get(idempotencyKey);
    if (!stored) throw new IdempotencyItemNotFoundError(`No record for key ${idempotencyKey}`);
    return toRecord(idempotencyKey, stored);
  }

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    const stored = this.records.get(record.idempotencyKey);
    if (stored && !isClaimable(stored, Date.now())) {
      throw new IdempotencyItemAlreadyExistsError(
        `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
        toRecord(record.idempotencyKey, stored)
      );
    }
    this.write(record);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.write(record);
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.records.delete(record.idempotencyKey);
  }

  private write(record: IdempotencyRecord): void {
    this.records.delete(record.idempotencyKey);
    this.records.set(record.idempotencyKey, {
      status: record.getStatus(),
      expiryTimestamp: record.expiryTimestamp,
      inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
      payloadHash: record.payloadHash,
      responseText: record.responseData === undefined ? undefined : JSON.stringify(record.responseData),
    });
    const now = Date.now();
    for (const [key, stored] of this.records) {
      if (!isExpired(stored, now)) break;
      this.records.delete(key);
    }
  }
}

function isExpired(stored: StoredRecord, nowMs: number): boolean {
  return stored.expiryTimestamp !== undefined && nowMs >= stored.expiryTimestamp * 1000;
}

/** The condition of Powertools' DynamoDB claim: absent, expired, or a claim whose lease elapsed. */
function isClaimable(stored: StoredRecord, nowMs: number): boolean {
  return (
    isExpired(stored, nowMs) ||
    (stored.status === IdempotencyRecordStatus.INPROGRESS &&
      stored.inProgressExpiryTimestamp !== undefined &&
      nowMs >= stored.inProgressExpiryTimestamp)
  );
}

function toRecord(idempotencyKey: string, stored: StoredRecord): IdempotencyRecord {
  return new IdempotencyRecord({
    idempotencyKey,
    status: stored.status,
    expiryTimestamp: stored.expiryTimestamp,
    inProgressExpiryTimestamp: stored.inProgressExpiryTimestamp,
    payloadHash: stored.payloadHash,
    responseData: stored.responseText === undefined ? undefined : JSON.parse(stored.responseText),
  });
}
