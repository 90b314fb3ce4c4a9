import type { IdempotencyRecordOptions } from '@idem/core';
import {
  BasePersistenceLayer,
  IdempotencyClaimLostError,
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyRecord,
  MemoryPersistenceLayer,
} from '@idem/core';
import type { StoreAnswer } from '@idem/core/persistence';

// Each layer here breaks one guarantee the way real stores have broken it. The suite's own tests
// expect the suite to catch every one of them, by name.

async function readOrUndefined(layer: { fetch(key: string): Promise<IdempotencyRecord> }, key: string) {
  try {
    return await layer.fetch(key);
  } catch (error) {
    if (error instanceof IdempotencyItemNotFoundError) return undefined;
    throw error;
  }
}

/** Reads, then writes in a second round trip: two claimers can both see the key free. */
export class CheckThenWriteLayer extends MemoryPersistenceLayer {
  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = await readOrUndefined(this, record.idempotencyKey);
    if (existing && !existing.isClaimable()) throw new IdempotencyItemAlreadyExistsError('live record', existing);
    await new Promise((resolve) => setImmediate(resolve));
    const overwritten = await readOrUndefined(this, record.idempotencyKey);
    if (overwritten) await super._deleteRecord(overwritten);
    await super._putRecord(record);
  }
}

/** Writes the completed record without the validation hash it was claimed with. */
export class DropsPayloadHashLayer extends MemoryPersistenceLayer {
  protected override _updateRecord(record: IdempotencyRecord): StoreAnswer<void> {
    record.payloadHash = undefined;
    return super._updateRecord(record);
  }
}

/** Treats any unexpired INPROGRESS record as live, so a crashed caller blocks its key for the full expiry. */
export class IgnoresLeaseLayer extends MemoryPersistenceLayer {
  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    const existing = await readOrUndefined(this, record.idempotencyKey);
    if (existing && !existing.isExpired()) throw new IdempotencyItemAlreadyExistsError('live record', existing);
    await super._putRecord(record);
  }
}

/** Refuses a claim without saying what it found, though it claims it can. */
export class SilentRefusalLayer extends MemoryPersistenceLayer {
  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await super._putRecord(record);
    } catch (error) {
      if (error instanceof IdempotencyItemAlreadyExistsError) throw new IdempotencyItemAlreadyExistsError(error.message);
      throw error;
    }
  }
}

/** Deletes whatever is stored under the key, whoever owns it now. */
export class DeletesForAnyoneLayer extends MemoryPersistenceLayer {
  protected override async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    const stored = await readOrUndefined(this, record.idempotencyKey);
    if (stored) await super._deleteRecord(stored);
  }
}

/**
 * Correct in every primitive, but it never deletes an expired record: expired ones only read as
 * expired and are overwritten by a new claim of their key, so memory grows with every key used.
 */
export class ForeverMapLayer extends BasePersistenceLayer {
  public readonly records = new Map<string, IdempotencyRecordOptions>();

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const stored = this.records.get(idempotencyKey);
    if (!stored) throw new IdempotencyItemNotFoundError(`no record for ${idempotencyKey}`);
    return recordOf(stored);
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    const stored = this.records.get(record.idempotencyKey);
    if (stored && !recordOf(stored).isClaimable()) throw new IdempotencyItemAlreadyExistsError('live record', recordOf(stored));
    this.records.set(record.idempotencyKey, optionsOf(record));
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const stored = this.records.get(record.idempotencyKey);
    if (stored?.ownerToken !== record.ownerToken) throw new IdempotencyClaimLostError('claim lost');
    this.records.set(record.idempotencyKey, optionsOf(record));
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    if (this.records.get(record.idempotencyKey)?.ownerToken === record.ownerToken) this.records.delete(record.idempotencyKey);
  }
}

function optionsOf(record: IdempotencyRecord): IdempotencyRecordOptions {
  return {
    idempotencyKey: record.idempotencyKey,
    status: record.getStatus(),
    expiryTimestamp: record.expiryTimestamp,
    inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
    payloadHash: record.payloadHash,
    ownerToken: record.ownerToken,
    responseData: structuredClone(record.responseData),
  };
}

function recordOf(stored: IdempotencyRecordOptions): IdempotencyRecord {
  return new IdempotencyRecord({ ...stored, responseData: structuredClone(stored.responseData) });
}
