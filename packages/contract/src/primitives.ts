import type { IdempotencyStore } from '@idem/core';

/** The operations of the store API; each is one primitive of a store built on `BasePersistenceLayer`. */
export type StoreOperation = 'claim' | 'fetch' | 'complete' | 'release' | 'renew';

/** The primitive each operation runs, and what it must do; `claim` is `_claimRecord` or Powertools' `_putRecord`. */
const primitives: Record<StoreOperation, { name: string; must: string }> = {
  claim: {
    name: '_claimRecord',
    must:
      'write the INPROGRESS claim, with its ownerToken, in one atomic step (a conditional write), only if the key has no record, ' +
      'an expired one, or an INPROGRESS one whose in-progress expiry has passed, and refuse every other claim with the stored record',
  },
  fetch: {
    name: '_getRecord',
    must: 'return the stored record with every field as it was written, or throw recordNotFoundError(key)',
  },
  complete: {
    name: '_updateRecord',
    must:
      'write the COMPLETED record (response, payload hash, expiry) only if the stored ownerToken is record.ownerToken, ' +
      'else throw claimLostError(record)',
  },
  release: {
    name: '_deleteRecord',
    must: 'delete the record only if the stored ownerToken is record.ownerToken, else do nothing',
  },
  renew: {
    name: '_extendRecord',
    must:
      "move the stored INPROGRESS record's in-progress expiry to the record's only if the stored ownerToken is record.ownerToken, " +
      'else throw claimLostError(record)',
  },
};

/**
 * The name of the primitive behind `operation` as this store implements it: `_putRecord` for a
 * store written to Powertools' API, the store API method itself for a store that implements
 * `IdempotencyStore` without the primitives.
 */
export function primitiveName(layer: IdempotencyStore, operation: StoreOperation): string {
  // `_getRecord` is required of every store built on the primitives; `_extendRecord` may be missing.
  if (typeof (layer as unknown as Record<string, unknown>)._getRecord !== 'function') return operation;
  return operation === 'claim' ? claimPrimitive(layer) : primitives[operation].name;
}

/** "<primitive> must <what>", for the end of a failure message. */
export function primitiveDuty(layer: IdempotencyStore, operation: StoreOperation): string {
  return `${primitiveName(layer, operation)} must ${primitives[operation].must}`;
}

/**
 * Which claim primitive the store defines: the one nearest its class in the prototype chain, as
 * `RecordStore` calls it. The base class, which defines both, means `_claimRecord`.
 */
function claimPrimitive(layer: IdempotencyStore): string {
  for (let level: object | null = layer; level !== null; level = Object.getPrototypeOf(level)) {
    if (Object.hasOwn(level, '_claimRecord')) return '_claimRecord';
    if (Object.hasOwn(level, '_putRecord')) return '_putRecord';
  }
  return '_claimRecord';
}
