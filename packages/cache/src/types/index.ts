export type { CacheClient, CacheSetOptions, CacheValue } from './CacheClient.js';
export type { CachePersistenceOptions } from './CachePersistenceOptions.js';
export type { ReplicaAcknowledgements } from './ReplicaAcknowledgements.js';
