// Seed sample "Custom Persistence Layer", imports mapped to @idem/*. The seed leaves
// `customDataStore` undeclared; here it is a small in-memory store so the sample compiles and runs.

import { IdempotencyItemNotFoundError } from '@idem/core';
import { BasePersistenceLayer, IdempotencyRecord } from '@idem/core/persistence';
import type {
  BasePersistenceLayerInterface,
  BasePersistenceLayerOptions,
  IdempotencyRecordOptions,
  IdempotencyRecordStatusValue,
  JSONValue,
} from '@idem/core/types';

/** What the sample's store keeps per key. */
export interface CustomItem {
  key: string;
  status: IdempotencyRecordStatusValue;
  expiry?: number;
  response?: JSONValue;
}

/** The user's own data store, as the sample assumes one. */
export class CustomDataStore {
  public readonly items = new Map<string, CustomItem>();

  async get(key: string): Promise<CustomItem> {
    const item = this.items.get(key);
    if (!item) throw new IdempotencyItemNotFoundError(`No record for ${key}`);
    return item;
  }

  async put(item: CustomItem): Promise<void> {
    this.items.set(item.key, item);
  }
}

// Implement your own persistence layer
class CustomPersistenceLayer extends BasePersistenceLayer implements BasePersistenceLayerInterface {
  public readonly customDataStore = new CustomDataStore();

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    // Your implementation
    const data = await this.customDataStore.get(idempotencyKey);
    return new IdempotencyRecord({
      idempotencyKey,
      status: data.status,
      expiryTimestamp: data.expiry,
      responseData: data.response,
    });
  }
  protected override async _putRecord(record: IdempotencyRecord): Promise<void> {
    // Your implementation
    await this.customDataStore.put({
      key: record.idempotencyKey,
      status: record.getStatus(),
      expiry: record.expiryTimestamp,
    });
  }
  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    // Your implementation
  }
  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    // Your implementation
  }
}

export type { BasePersistenceLayerOptions, IdempotencyRecordOptions };
export { CustomPersistenceLayer };
