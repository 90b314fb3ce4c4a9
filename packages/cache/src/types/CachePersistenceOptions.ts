import type { BasePersistenceAttributes, PersistenceCompatibility } from '@idem/core/types';
import type { CacheClient } from './CacheClient.js';
import type { ReplicaAcknowledgements } from './ReplicaAcknowledgements.js';

/**
 * Options for cache persistence layer.
 *
 * The attribute names of {@link BasePersistenceAttributes} are accepted for compatibility with
 * the other layers; records are stored in a compact positional format (docs/cache.md) that has no
 * attribute names, except with `compatibility: 'powertools'`, where they name the JSON fields of
 * Powertools' value.
 */
export interface CachePersistenceOptions extends BasePersistenceAttributes {
  /**
   * Connected cache client instance (required): an ioredis `Redis` or `Cluster`, a GLIDE
   * `GlideClient` or `GlideClusterClient`, a node-redis client or cluster, or any
   * {@link CacheClient}. The layer never connects or closes it.
   */
  client: CacheClient;
  /**
   * Prepended to every Redis key the layer writes, e.g. `'idem:'`, to keep the records apart
   * from other data in the same database. (The idempotency key's own prefix, which scopes a
   * function's records, is the wrapper's `keyPrefix`.) A hash tag such as `'{idem}:'` puts every
   * record in one cluster slot; no operation needs that, since each touches a single key.
   * Not available with `compatibility: 'powertools'`, since Powertools uses the bare key.
   * @default ''
   */
  storageKeyPrefix?: string;
  /**
   * Wait for replicas to acknowledge every claim, completion and lease renewal, so that a failover
   * to a replica keeps them (Redis and Valkey replicate asynchronously). Needs a client that runs
   * scripts (ioredis, GLIDE, node-redis): a plain `CacheClient` is refused.
   * @default undefined (no waiting: a failover can lose the last writes)
   */
  replicaAcknowledgements?: ReplicaAcknowledgements;
  /**
   * `'powertools'`: name and write records exactly as Powertools for AWS Lambda 2.x does (its
   * keys, its JSON value under the bare key, its `<key>:lock` before replacing a stale record),
   * so Powertools functions and idem functions share one Redis while you migrate. The owner
   * token still fences idem's writes, in an `owner` field Powertools ignores. Any other value
   * fails at construction. See docs/migration-from-powertools.md.
   * @default undefined (idem's own keys and compact format)
   */
  compatibility?: PersistenceCompatibility;
}
