import type { IdempotencyConfigInterface } from './config.js';
import type { IdempotencyRecordInterface } from './record.js';

/** Attribute names used by persistence layers (DynamoDB, Redis, etc.). */
export interface BasePersistenceAttributes {
  /** Attribute name for expiry timestamp. @default 'expiration' */
  expiryAttr?: string;
  /** Attribute name for in-progress expiry timestamp. @default 'in_progress_expiration' */
  inProgressExpiryAttr?: string;
  /** Attribute name for status. @default 'status' */
  statusAttr?: string;
  /** Attribute name for response data. @default 'data' */
  dataAttr?: string;
  /** Attribute name for validation hash. @default 'validation' */
  validationKeyAttr?: string;
}

/**
 * Whose record format a persistence layer writes. `'powertools'`: keys and records exactly as
 * Powertools for AWS Lambda 2.x names and writes them, so Powertools functions and idem
 * functions share one table or one Redis during a migration (docs/migration-from-powertools.md).
 */
export type PersistenceCompatibility = 'powertools';

/** Options for configuring a persistence layer. */
export interface BasePersistenceLayerOptions {
  /** IdempotencyConfig instance */
  config: IdempotencyConfigInterface;
  /** Optional function name for key prefix */
  functionName?: string;
  /** Optional custom prefix for idempotency keys; replaces the function name. */
  keyPrefix?: string;
}

/** Interface that all persistence layers implement. */
export interface BasePersistenceLayerInterface {
  /** Initialize the persistence layer with configuration */
  configure(options?: BasePersistenceLayerOptions): void;
  /** Check if payload validation is enabled */
  isPayloadValidationEnabled(): boolean;
  /** Save a record indicating execution is in progress */
  saveInProgress(data: unknown, remainingTimeInMillis?: number): Promise<void>;
  /** Save a record indicating successful completion */
  saveSuccess(data: unknown, result: unknown): Promise<void>;
  /** Delete an idempotency record */
  deleteRecord(data: unknown): Promise<void>;
  /** Retrieve an idempotency record */
  getRecord(data: unknown): Promise<IdempotencyRecordInterface>;
}
