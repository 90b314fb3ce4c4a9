import type { IdempotencyRecord } from '@idem/core/persistence';
import type { RecordScripts } from '../scripts/recordScripts.js';

/**
 * How records are stored as values: idem's compact format (recordFormat.ts) or Powertools'
 * (powertoolsFormat.ts). The layer's operations are the same for both; a format brings its
 * encoding, the scripts that read it, and the lock its takeovers need.
 */
export interface CacheRecordFormat {
  /** The stored value of a record, with the status it was made with (`record.status`). */
  encode(record: IdempotencyRecord): string;
  /** The record a stored value holds; a value of no record raises `IdempotencyPersistenceConsistencyError`. */
  decode(idempotencyKey: string, value: string): IdempotencyRecord;
  readonly scripts: RecordScripts;
  /**
   * The lock a caller must win (SET NX) before it replaces a stored record that expired or whose
   * claim lapsed, so that another library taking the same record over never does so at the same
   * time. Absent when the claim script replaces such a record on its own.
   */
  readonly takeoverLock?: { key(storageKey: string): string; value: string; ttlMs: number };
}
