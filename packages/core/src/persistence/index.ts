export { IdempotencyRecord } from '../record/IdempotencyRecord.js';
export type {
  ClaimOptions,
  ClaimOutcome,
  ClaimRefusal,
  IdempotencyStore,
  KeySchemeName,
  RequestIdentity,
} from '../types/store.js';
export { BasePersistenceLayer } from './BasePersistenceLayer.js';
export { keySchemeOfCompatibility } from './compatibility.js';
export type { MemoryPersistenceOptions } from './MemoryPersistenceLayer.js';
export { MemoryPersistenceLayer } from './MemoryPersistenceLayer.js';
export type { StoreAnswer } from './RecordStore.js';
export { RecordStore } from './RecordStore.js';
export { claimLostError, recordNotFoundError, underReplicatedError, unreadableRecordError } from './storeErrors.js';
