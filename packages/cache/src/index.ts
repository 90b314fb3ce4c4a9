export { CachePersistenceLayer } from './CachePersistenceLayer.js';
export { recordFormat } from './record/recordFormat.js';
export type { CacheClientKind } from './clients/CacheConnection.js';
export type { CacheClient, CacheSetOptions, CacheValue, CachePersistenceOptions } from './types/index.js';
