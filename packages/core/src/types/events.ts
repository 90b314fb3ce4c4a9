/** Store operations, as named in `storeError` events. */
export type IdempotencyStoreOperation = 'claim' | 'read' | 'complete' | 'release' | 'renew';

/**
 * What happened to one idempotent call, for logs and metrics. Events name the key, never the
 * payload or the response. `durationMs` is the time the step took, store round trip included.
 */
export type IdempotencyEvent =
  /** This call claimed the key and will run the function. */
  | { type: 'claimed'; idempotencyKey: string; durationMs: number }
  /** A later invocation of a durable execution (a replay) took up the claim the execution holds. */
  | { type: 'reentered'; idempotencyKey: string; durationMs: number }
  /** A completed record was replayed, from the store or the local cache. */
  | { type: 'replayed'; idempotencyKey: string; replayedFrom: 'store' | 'localCache'; durationMs: number }
  /** Another call holds the key: this one gets IdempotencyAlreadyInProgressError. */
  | { type: 'inProgress'; idempotencyKey: string; durationMs: number }
  /** The key was reused with a different payload: IdempotencyValidationError. */
  | { type: 'validationFailed'; idempotencyKey: string; durationMs: number }
  /** The function's result was stored. `durationMs` counts the function and the write. */
  | { type: 'completed'; idempotencyKey: string; durationMs: number }
  /** The claim was deleted after the function threw, so the key can run again. */
  | { type: 'released'; idempotencyKey: string; durationMs: number }
  /** The claim lapsed and another call took the key over; this call's result was not stored. */
  | { type: 'claimLost'; idempotencyKey: string }
  /**
   * The result was stored on the primary, but fewer replicas than the store waits for acknowledged
   * it in time, so a failover may lose it (and a retry then runs the function again). The caller
   * got its result; `completed` was reported too.
   */
  | { type: 'underReplicated'; idempotencyKey: string; replicasRequested: number; replicasAcknowledged: number }
  /**
   * A front end did not store the function's response: an HTTP body that was streamed or over
   * the size limit (the key is released, so a retry runs again), or storing failed after the
   * response was sent (`error`, with `errorName`).
   */
  | { type: 'responseNotStored'; idempotencyKey: string; reason: 'streamed' | 'tooLarge' | 'error'; errorName?: string }
  /** A store operation failed; `errorName` is the class of the error. */
  | {
      type: 'storeError';
      idempotencyKey: string;
      operation: IdempotencyStoreOperation;
      errorName: string;
      durationMs: number;
    };

/** Receives every IdempotencyEvent; exceptions it throws are ignored. */
export type IdempotencyEventListener = (event: IdempotencyEvent) => void;
