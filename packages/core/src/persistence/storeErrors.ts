import {
  IdempotencyClaimLostError,
  IdempotencyItemNotFoundError,
  IdempotencyPersistenceConsistencyError,
  IdempotencyPersistenceLayerError,
  IdempotencyUnderReplicatedError,
  IdempotencyUnknownError,
} from '../errors.js';
import type { IdempotencyRecordInterface } from '../types/record.js';

/**
 * The error a store operation ends with: one of ours passes unchanged; a backend error that
 * `isUnreadableValue` recognises means a key holds something that is no record
 * (`IdempotencyPersistenceConsistencyError`); anything else is a store fault
 * (`IdempotencyPersistenceLayerError`), with the backend's error as `cause`.
 */
export function toStoreError(action: string, error: unknown, isUnreadableValue: (error: unknown) => boolean): Error {
  if (error instanceof IdempotencyUnknownError) return error;
  const message = (error as Error)?.message ?? String(error);
  if (isUnreadableValue(error)) {
    return new IdempotencyPersistenceConsistencyError(
      `Failed to ${action}: the key holds a value that is no record: ${message}`,
      {
        cause: error,
      }
    );
  }
  return new IdempotencyPersistenceLayerError(`Failed to ${action}: ${message}`, { cause: error });
}

/** A completion, renewal or release refused because another call owns the key now. */
export function claimLostError(
  record: IdempotencyRecordInterface,
  existing?: IdempotencyRecordInterface
): IdempotencyClaimLostError {
  return new IdempotencyClaimLostError(`The claim on key ${record.idempotencyKey} is no longer held by this call`, existing);
}

/** `_getRecord` found nothing for the key. */
export function recordNotFoundError(idempotencyKey: string): IdempotencyItemNotFoundError {
  return new IdempotencyItemNotFoundError(`No idempotency record for key ${idempotencyKey}`);
}

/** A stored value that no record can be read from; it is never overwritten. */
export function unreadableRecordError(
  idempotencyKey: string,
  reason: string,
  cause?: unknown
): IdempotencyPersistenceConsistencyError {
  return new IdempotencyPersistenceConsistencyError(
    `The stored record of key ${idempotencyKey} cannot be read: ${reason}`,
    cause === undefined ? undefined : { cause }
  );
}

/**
 * A write of `record` that fewer replicas than `requested` acknowledged within `timeoutMs`;
 * `outcome` says what became of it, e.g. 'the claim was released and the function not run'.
 */
export function underReplicatedError(
  record: IdempotencyRecordInterface,
  replicas: { requested: number; acknowledged: number; timeoutMs: number },
  outcome: string
): IdempotencyUnderReplicatedError {
  const { requested, acknowledged, timeoutMs } = replicas;
  return new IdempotencyUnderReplicatedError(
    `The ${record.status === 'INPROGRESS' ? 'claim' : 'completed record'} of key ${record.idempotencyKey} was acknowledged by ` +
      `${acknowledged} of the ${requested} replica(s) asked for within ${timeoutMs} ms; ${outcome}`,
    { requested, acknowledged }
  );
}
