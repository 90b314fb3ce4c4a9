/** An entry as the key-value service returns it. */
export interface VersionedEntry {
  value: string;
  /** Changes on every write; a conditional write names the version it read. */
  version: number;
}

/**
 * The async API of a key-value service with conditional writes and per-entry expiry, as etcd,
 * Consul, or a SQL table with a version column offer. Without the conditional write no store
 * can claim a key atomically.
 */
export interface KeyValueClient {
  /** The live entry of `key`; undefined when absent or expired. */
  get(key: string): Promise<VersionedEntry | undefined>;
  /**
   * Writes `value` only if the entry is still at `ifVersion` (`'absent'`: only if there is no
   * live entry). The service drops the entry at `expiresAtMs`. False when the condition failed.
   */
  put(key: string, value: string, options: { ifVersion: number | 'absent'; expiresAtMs: number }): Promise<boolean>;
  /** Deletes the entry only if it is still at `ifVersion`. False when the condition failed. */
  delete(key: string, options: { ifVersion: number }): Promise<boolean>;
}
