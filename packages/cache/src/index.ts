export { CachePersistenceLayer } from './CachePersistenceLayer.js';
export type { CacheClientKind } from './clients/CacheConnection.js';
export { recordFormat } from './record/recordFormat.js';
export type {
  CacheClient,
  CachePersistenceOptions,
  CacheSetOptions,
  CacheValue,
  ReplicaAcknowledgements,
} from './types/index.js';
