/**
 * How many replicas must acknowledge each claim and completion before the layer counts it as
 * written, and how long to wait for them (`WAIT replicas timeoutMs`, sent in the same round trip
 * as the write's script). See docs/cache.md, "Surviving a failover".
 */
export interface ReplicaAcknowledgements {
  /**
   * Replicas that must have received the write. A claim that fewer acknowledge fails with
   * `IdempotencyUnderReplicatedError` (an `IdempotencyPersistenceLayerError`), is released, and its
   * function does not run; a completion that fewer acknowledge still returns the function's result
   * and is reported as an `underReplicated` event. Set it to the number of replicas per shard for
   * a write that survives whichever replica is promoted.
   * @default 1
   */
  replicas?: number;
  /**
   * Milliseconds `WAIT` blocks for the acknowledgements before the layer counts what it got. The
   * client's own command timeout must be longer (the layer extends GLIDE's for these batches).
   * @default 1000
   */
  timeoutMs?: number;
}
