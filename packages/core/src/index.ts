export { IdempotencyConfig } from './config/IdempotencyConfig.js';
export { assertKnownOptions, optionNames } from './config/knownOptions.js';
export { IdempotencyRecordStatus, persistenceAttributeDefaults } from './constants.js';
export { defaultKeyPrefix } from './engine/defaultKeyPrefix.js';
export { durableOwnerToken, isDurableContext } from './engine/durableContext.js';
export type { IdempotencyStart } from './engine/IdempotencyEngine.js';
export { IdempotencyEngine } from './engine/IdempotencyEngine.js';
export { functionKeyPrefix } from './engine/keySchemes.js';
export { isLambdaContext } from './engine/lambdaContext.js';
export {
  IdempotencyAlreadyInProgressError,
  IdempotencyClaimLostError,
  IdempotencyConfigurationError,
  IdempotencyInconsistentStateError,
  IdempotencyInvalidStatusError,
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  IdempotencyKeyError,
  IdempotencyPersistenceConsistencyError,
  IdempotencyPersistenceLayerError,
  IdempotencyUnderReplicatedError,
  IdempotencyUnknownError,
  IdempotencyValidationError,
} from './errors.js';
export { canonicalJson } from './hashing/canonicalJson.js';
export { idempotent } from './idempotent.js';
export type { ClaimSettlement, IdempotencyLifecycle, LifecycleStart } from './lifecycle/IdempotencyLifecycle.js';
export { runIdempotently } from './lifecycle/runIdempotently.js';
export type { IdempotentFunction } from './makeIdempotent.js';
export { makeIdempotent } from './makeIdempotent.js';
export type { JsonLogListenerOptions } from './observability/jsonLogListener.js';
export { jsonLogListener } from './observability/jsonLogListener.js';
export type { MemoryPersistenceOptions } from './persistence/index.js';
export { BasePersistenceLayer, IdempotencyRecord, MemoryPersistenceLayer, RecordStore } from './persistence/index.js';
export type { EncryptedResponsesOptions, ResponseEncryptionKey } from './serialization/encryptedResponses.js';
export { encryptedResponses } from './serialization/encryptedResponses.js';
export type * from './types/index.js';
