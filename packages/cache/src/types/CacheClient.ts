/** Value type for cache operations. */
export type CacheValue = string | Uint8Array<ArrayBufferLike>;

/**
 * Interface for clients compatible with Valkey and Redis-OSS operations.
 *
 * ioredis (`Redis`, `Cluster`), GLIDE (`GlideClient`, `GlideClusterClient`) and node-redis
 * (`@redis/client`) clients all have this shape; the layer recognises them and talks to each in
 * its own option shapes, with atomic scripts. Any other object is used through these three methods
 * only: see {@link CacheSetOptions} for what its `set` receives.
 */
export interface CacheClient {
  /** Retrieve value associated with a key */
  get(name: string): Promise<CacheValue | null>;
  /** Set value for a key with optional parameters */
  set(name: CacheValue, value: unknown, options?: unknown): Promise<CacheValue | null>;
  /** Delete specified keys from cache */
  del(keys: string[]): Promise<number>;
}

/**
 * The `options` a plain {@link CacheClient}'s `set` receives (node-redis's shape): every write
 * carries a millisecond TTL, and a claim asks for set-if-absent. `set` must resolve to `null`
 * when `condition: 'NX'` refused the write, as Redis `SET ... NX` does.
 */
export interface CacheSetOptions {
  /** Time to live of the key: `PX` milliseconds. */
  expiration: { type: 'PX'; value: number };
  /** `NX`: write only if the key does not exist. Absent for unconditional writes. */
  condition?: 'NX';
}
