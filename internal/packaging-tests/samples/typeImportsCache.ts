// needs: @idem/cache
// The seed's list of type imports, the part that @idem/cache serves.
import type { CacheClient, CachePersistenceOptions } from '@idem/cache/types';

type Imported = [CacheClient, CachePersistenceOptions];
const importedCount: Imported['length'] = 2;
console.log('cache types', importedCount);
