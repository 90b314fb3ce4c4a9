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
