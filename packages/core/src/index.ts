export { IdempotencyConfig } from './config/IdempotencyConfig.js';
export { IdempotencyRecordStatus, persistenceAttributeDefaults } from './constants.js';
export { IdempotencyHandler } from './engine/IdempotencyHandler.js';
export type { IdempotencyHandlerOptions, IdempotencyStart } from './engine/IdempotencyHandler.js';
export type { RequestIdentity } from './engine/deriveIdentity.js';
export { defaultKeyPrefix } from './engine/defaultKeyPrefix.js';
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
  IdempotencyUnknownError,
  IdempotencyValidationError,
} from './errors.js';
export { canonicalJson } from './hashing/canonicalJson.js';
export { encryptedResponses } from './serialization/encryptedResponses.js';
export type { EncryptedResponsesOptions, ResponseEncryptionKey } from './serialization/encryptedResponses.js';
export { idempotent } from './idempotent.js';
export { jsonLogListener } from './observability/jsonLogListener.js';
export type { JsonLogListenerOptions } from './observability/jsonLogListener.js';
export { makeIdempotent } from './makeIdempotent.js';
export type { IdempotentFunction } from './makeIdempotent.js';
export { BasePersistenceLayer, IdempotencyRecord, MemoryPersistenceLayer } from './persistence/index.js';
export type { ClaimOptions, ClaimOutcome, ClaimRefusal, MemoryPersistenceOptions } from './persistence/index.js';
export type * from './types/index.js';
