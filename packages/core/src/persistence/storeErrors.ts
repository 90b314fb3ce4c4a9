import { IdempotencyPersistenceLayerError, IdempotencyUnknownError } from '../errors.js';

/**
 * Runs a store operation; a failure that is not already one of ours becomes an
 * `IdempotencyPersistenceLayerError` with the store's error as `cause`.
 */
export async function withStoreErrors<T>(action: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof IdempotencyUnknownError) throw error;
    throw new IdempotencyPersistenceLayerError(`Failed to ${action}: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
}
