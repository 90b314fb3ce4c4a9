// The seed's "Custom Persistence Layer" sample. Added so that it compiles: the
// `customDataStore` it calls (a stand-in for the user's own store) and a line that builds it.

import { BasePersistenceLayer, IdempotencyRecord } from '@idem/core/persistence';
import type {
  BasePersistenceLayerInterface,
  BasePersistenceLayerOptions,
  IdempotencyRecordOptions,
  IdempotencyRecordStatusValue,
  JSONValue,
} from '@idem/core/types';

interface StoredItem {
  key: string;
  status: IdempotencyRecordStatusValue;
  expiry?: number;
  response?: JSONValue;
}

// Implement your own persistence layer
class CustomPersistenceLayer extends BasePersistenceLayer implements BasePersistenceLayerInterface {
  private readonly items = new Map<string, StoredItem>();
  private readonly customDataStore = {
    get: async (key: string) => this.items.get(key) as StoredItem,
    put: async (item: StoredItem) => {
      this.items.set(item.key, item);
    },
  };

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

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
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

const unusedOptions: Array<BasePersistenceLayerOptions | IdempotencyRecordOptions> = [];
new CustomPersistenceLayer().configure();
console.log('custom persistence layer built', unusedOptions.length);
