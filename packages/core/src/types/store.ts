import type { JSONValue } from './json.js';
import type { IdempotencyRecordInterface } from './record.js';

/**
 * The rules that name a store's records: how a payload selection is serialized and digested into
 * the key and the validation hash, and the default key prefix of a wrapped function.
 * - `'idem'`: canonical JSON (keys in code point order), hex digest, and a default prefix that
 *   names the function (`${AWS_LAMBDA_FUNCTION_NAME}.${functionName}`).
 * - `'powertools'`: exactly Powertools for AWS Lambda 2.x: its key sort and JSON text, base64
 *   digest, and the prefix `${AWS_LAMBDA_FUNCTION_NAME}` alone, so both libraries find each
 *   other's records.
 */
export type KeySchemeName = 'idem' | 'powertools';

/** What identifies one request in the store, computed once before the function runs. */
export interface RequestIdentity {
  /** `${keyPrefix}#${hash of the key selection}`. */
  idempotencyKey: string;
  /** Hash of the validation selection; undefined when payload validation is off. */
  payloadHash?: string;
}

/** What a claim needs besides the request's identity. */
export interface ClaimOptions {
  /** Seconds the record lives. */
  expiresAfterSeconds: number;
  /** Milliseconds the claim blocks its key if its caller never completes or releases it. */
  leaseMs: number;
  /**
   * The token that fences the claim: only a caller holding it completes, renews or releases it.
   * @default a token unique to this claim (a random part per process and a counter), so every call owns its claim alone
   */
  ownerToken?: string;
}

/** A refused claim: the live record that holds the key, when the store returned it with the refusal. */
export interface ClaimRefusal {
  existingRecord?: IdempotencyRecordInterface;
}

/** What a claim came to: this call holds the key, or a live record refused it. */
export type ClaimOutcome = { kind: 'claimed'; claim: IdempotencyRecordInterface } | ({ kind: 'refused' } & ClaimRefusal);

/**
 * The store API: every operation the engine, lease renewal and the front ends perform on a
 * store, and no other. `BasePersistenceLayer` implements it over the store primitives; the
 * contract suite (`@idem/contract`) checks exactly these methods.
 */
export interface IdempotencyStore {
  /**
   * The rules that name this store's records, which the engine and the wrappers apply to every
   * function wrapped over it. A store in Powertools compatibility says `'powertools'`.
   * @default 'idem'
   */
  readonly keyScheme?: KeySchemeName;
  /**
   * Writes an INPROGRESS record for the request if no live record holds its key (none, expired, or
   * a claim whose lease lapsed), atomically; otherwise reports the refusal, with the live record
   * when the store returned it from the same write. A refusal is an outcome, never an exception.
   */
  claim(identity: RequestIdentity, options: ClaimOptions): Promise<ClaimOutcome>;
  /** Turns the caller's claim into a COMPLETED record holding the response; only while the caller owns it. */
  complete(
    claim: IdempotencyRecordInterface,
    responseData: JSONValue | undefined,
    expiresAfterSeconds: number
  ): Promise<IdempotencyRecordInterface>;
  /** Deletes the caller's claim so the key can be claimed again; only while the caller owns it. */
  release(claim: IdempotencyRecordInterface): Promise<void>;
  /** True when the store can move a claim's lease (`renew`). */
  canRenewClaims(): boolean;
  /** Moves the caller's claim's in-progress expiry to `leaseMs` from now; only while the caller owns it. */
  renew(claim: IdempotencyRecordInterface, leaseMs: number): Promise<void>;
  /** The stored record of a key; rejects with `IdempotencyItemNotFoundError` when there is none. */
  fetch(idempotencyKey: string): Promise<IdempotencyRecordInterface>;
}
