export { BasePersistenceLayer } from './BasePersistenceLayer.js';
export type { ClaimOptions, ClaimOutcome, ClaimRefusal } from './BasePersistenceLayer.js';
export { MemoryPersistenceLayer } from './MemoryPersistenceLayer.js';
export type { MemoryPersistenceOptions } from './MemoryPersistenceLayer.js';
export { IdempotencyRecord } from '../record/IdempotencyRecord.js';
