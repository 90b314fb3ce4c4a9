import { IdempotencyItemAlreadyExistsError, IdempotencyItemNotFoundError } from '@idem/core';
import { BasePersistenceLayer, IdempotencyRecord } from '@idem/core/persistence';
import type { IdempotencyRecordStatusValue, JSONValue } from '@idem/core/types';

// The seed's "Custom Persistence Layer" sample (Powertools' documentation), filled in as a
// Powertools user would fill it in: the same four primitives, over a data store of the user's,
// each one correct by Powertools' rules. Powertools has no owner tokens and no _extendRecord, so
// this store fences nothing and cannot renew claims: the two gaps the suite must report as
// todos, once told about the first (it sees the second).

/** What the sample's data store keeps per key. */
interface CustomItem {
  key: string;
  status: IdempotencyRecordStatusValue;
  expiry?: number;
  inProgressExpiry?: number;
  payloadHash?: string;
  response?: JSONValue;
}

/** The user's own data store: `put` is a conditional write, decided and written in one step. */
class CustomDataStore {
  private readonly items = new Map<string, CustomItem>();

  async get(key: string): Promise<CustomItem | undefined> {
    return structuredClone(this.items.get(key));
  }

  /** Writes the item unless `keep(existing)` says the stored one stays; returns the one that stayed. */
  async put(item: CustomItem, keep: (existing: CustomItem) => boolean = () => false): Promise<CustomItem | undefined> {
    const existing = this.items.get(item.key);
    if (existing && keep(existing)) return structuredClone(existing);
    this.items.set(item.key, structuredClone(item));
    return undefined;
  }

  async delete(key: string): Promise<void> {
    this.items.delete(key);
  }
}

// Implement your own persistence layer
export class CustomPersistenceLayer extends BasePersistenceLayer {
  private readonly customDataStore = new CustomDataStore();

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const data = await this.customDataStore.get(idempotencyKey);
    if (!data) throw new IdempotencyItemNotFoundError(`No record for ${idempotencyKey}`);
    return recordOf(data);
  }

  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    const kept = await this.customDataStore.put(itemOf(record), (existing) => !recordOf(existing).isClaimable());
    if (kept) throw new IdempotencyItemAlreadyExistsError(`A live record exists for ${record.idempotencyKey}`, recordOf(kept));
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    await this.customDataStore.put(itemOf(record));
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    await this.customDataStore.delete(record.idempotencyKey);
  }
}

function itemOf(record: IdempotencyRecord): CustomItem {
  return {
    key: record.idempotencyKey,
    status: record.getStatus(),
    expiry: record.expiryTimestamp,
    inProgressExpiry: record.inProgressExpiryTimestamp,
    payloadHash: record.payloadHash,
    response: record.responseData,
  };
}

function recordOf(data: CustomItem): IdempotencyRecord {
  return new IdempotencyRecord({
    idempotencyKey: data.key,
    status: data.status,
    expiryTimestamp: data.expiry,
    inProgressExpiryTimestamp: data.inProgressExpiry,
    payloadHash: data.payloadHash,
    responseData: data.response,
  });
}
