// needs: @idem/cache
// The seed's "Custom Cache Client" sample, plus the import of CachePersistenceLayer it uses.

import { CachePersistenceLayer } from '@idem/cache';
import type { CacheClient, CacheValue } from '@idem/cache/types';

// Implement a custom cache client
class MyCustomCacheClient implements CacheClient {
  async get(name: string): Promise<CacheValue | null> {
    // Your implementation
    return null;
  }
  async set(name: CacheValue, value: unknown, options?: unknown): Promise<CacheValue | null> {
    // Your implementation
    return name;
  }
  async del(keys: string[]): Promise<number> {
    // Your implementation
    return keys.length;
  }
}

const customClient = new MyCustomCacheClient();
const persistenceStore = new CachePersistenceLayer({
  client: customClient,
});
console.log('cache layer built', persistenceStore instanceof CachePersistenceLayer);
