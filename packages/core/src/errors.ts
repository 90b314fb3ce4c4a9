import type { IdempotencyRecordInterface } from './types/record.js';

/** Base class of every idempotency error. */
export class IdempotencyUnknownError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An error that carries the stored record it is about, when there is one. */
class IdempotencyRecordError extends IdempotencyUnknownError {
  /** The record found in the store, when the store returned or could read it. */
  public readonly existingRecord?: IdempotencyRecordInterface;

  constructor(message?: string, existingRecord?: IdempotencyRecordInterface, options?: ErrorOptions) {
    super(message, options);
    this.existingRecord = existingRecord;
  }
}

/** A claim was refused because a live record exists for the key. Raised by `_putRecord`. */
export class IdempotencyItemAlreadyExistsError extends IdempotencyRecordError {}

/** No record exists for the key. Raised by `_getRecord`. */
export class IdempotencyItemNotFoundError extends IdempotencyUnknownError {}

/**
 * Another call holds a live claim on the key and has not finished yet. It carries the fields
 * HTTP error middlewares turn into a response (`statusCode`, `expose`, `headers`, as read by
 * `@middy/http-error-handler` and set by `http-errors`), so behind one a duplicate is a 409 with
 * `Retry-After` rather than a 500.
 */
export class IdempotencyAlreadyInProgressError extends IdempotencyRecordError {
  /** 409 Conflict: the same request is being processed. */
  public readonly statusCode = 409;
  /** A duplicate is the client's to retry, so its message may be shown to it. */
  public readonly expose = true;
  /** Retry in a second, by when the first call has usually finished. */
  public readonly headers: Readonly<Record<string, string>> = { 'Retry-After': '1' };
}

/** A stored record has a status this library does not know. */
export class IdempotencyInvalidStatusError extends IdempotencyUnknownError {}

/** The key was used before with a payload whose validation hash differs. */
export class IdempotencyValidationError extends IdempotencyRecordError {}

/** The record changed under the call more often than the retries allow, or the call lost its claim. */
export class IdempotencyInconsistentStateError extends IdempotencyRecordError {}

/** The store failed (network, throttling, refused write); `cause` holds the store's error. */
export class IdempotencyPersistenceLayerError extends IdempotencyUnknownError {}

/**
 * A write reached the store's primary but fewer of its replicas acknowledged it than the store was
 * configured to wait for, so a failover may lose it. A claim that ends so is not run; a completion
 * that ends so still returns the function's result (the engine reports an `underReplicated` event).
 */
export class IdempotencyUnderReplicatedError extends IdempotencyPersistenceLayerError {
  /** How many replica acknowledgements the store waited for. */
  public readonly replicasRequested: number;
  /** How many replicas acknowledged the write in time. */
  public readonly replicasAcknowledged: number;

  constructor(message: string, replicas: { requested: number; acknowledged: number }, options?: ErrorOptions) {
    super(message, options);
    this.replicasRequested = replicas.requested;
    this.replicasAcknowledged = replicas.acknowledged;
  }
}

/** No idempotency key could be taken from the payload (or it cannot be serialized). */
export class IdempotencyKeyError extends IdempotencyUnknownError {}

/** A stored record cannot be read back: corrupted, foreign or of an unknown format. */
export class IdempotencyPersistenceConsistencyError extends IdempotencyUnknownError {}

/**
 * The call's claim was taken over by another call (its in-progress expiry passed), so its
 * completion or release was refused to protect the new owner's record. Raised by
 * `_updateRecord` of stores that keep an owner token.
 */
export class IdempotencyClaimLostError extends IdempotencyInconsistentStateError {}

/** An option of a config or persistence layer is invalid; the message names the option. */
export class IdempotencyConfigurationError extends IdempotencyUnknownError {}
