import { IdempotencyConfig } from '../config/IdempotencyConfig.js';
import { IdempotencyRecordStatus } from '../constants.js';
import { deriveIdentity } from '../engine/deriveIdentity.js';
import { keySchemeOf } from '../engine/keySchemes.js';
import { IdempotencyItemAlreadyExistsError, IdempotencyKeyError } from '../errors.js';
import { IdempotencyRecord } from '../record/IdempotencyRecord.js';
import { encodeResponse } from '../serialization/responseCodec.js';
import type { IdempotencyConfigInterface } from '../types/config.js';
import type { BasePersistenceLayerInterface, BasePersistenceLayerOptions } from '../types/persistence.js';
import type { RequestIdentity } from '../types/store.js';
import { RecordStore } from './RecordStore.js';

/** The config and key prefix set by `configure`. */
interface ConfiguredScope {
  config: IdempotencyConfigInterface;
  keyPrefix: string;
}

/**
 * The template every store extends: the store API of `RecordStore` (claim, complete, release,
 * renew, fetch over the primitives; see there what a store implements), plus Powertools'
 * data-based API below, which works on one config set by `configure`. The wrappers and
 * middlewares do not use that API, so one layer can serve many configs at once.
 */
export abstract class BasePersistenceLayer extends RecordStore implements BasePersistenceLayerInterface {
  /** The key prefix set by `configure`, for the data-based methods. */
  public idempotencyKeyPrefix = '';
  private configured: ConfiguredScope | undefined;
  /** Claims made through `saveInProgress`, so `saveSuccess` and `deleteRecord` keep ownership. */
  private readonly openClaims = new Map<string, IdempotencyRecord>();

  /** Sets the config and key prefix that the data-based methods use. */
  public configure(options?: BasePersistenceLayerOptions): void {
    const config = options?.config ?? new IdempotencyConfig({});
    const keyPrefix = keySchemeOf(this, config).keyPrefix(options?.keyPrefix, options?.functionName ?? '');
    this.configured = { config, keyPrefix };
    this.idempotencyKeyPrefix = keyPrefix;
  }

  /** True when the configured config validates payloads. */
  public isPayloadValidationEnabled(): boolean {
    return this.configuredScope().config.validationExpression !== undefined;
  }

  /** Records that the call for `data` is in progress; throws `IdempotencyItemAlreadyExistsError` if refused. */
  public async saveInProgress(data: unknown, remainingTimeInMillis?: number): Promise<void> {
    const { config } = this.configuredScope();
    const identity = this.identify(data);
    const outcome = await this.claim(identity, {
      expiresAfterSeconds: config.expiresAfterSeconds,
      leaseMs: remainingTimeInMillis ?? config.inProgressExpiresAfterSeconds * 1000,
    });
    if (outcome.kind === 'refused') {
      throw new IdempotencyItemAlreadyExistsError(
        `A live record exists for key ${identity.idempotencyKey}`,
        outcome.existingRecord
      );
    }
    this.openClaims.set(outcome.claim.idempotencyKey, outcome.claim as IdempotencyRecord);
  }

  /** Records the result of the call for `data`. */
  public async saveSuccess(data: unknown, result: unknown): Promise<void> {
    const { config } = this.configuredScope();
    const claim = this.openClaimFor(data);
    await this.complete(claim, encodeResponse(config, result), config.expiresAfterSeconds);
    this.openClaims.delete(claim.idempotencyKey);
  }

  /** Deletes the record of the call for `data`. */
  public async deleteRecord(data: unknown): Promise<void> {
    const claim = this.openClaimFor(data);
    await this.release(claim);
    this.openClaims.delete(claim.idempotencyKey);
  }

  /** The stored record of the call for `data`. */
  public async getRecord(data: unknown): Promise<IdempotencyRecord> {
    return this.fetch(this.identify(data).idempotencyKey);
  }

  private configuredScope(): ConfiguredScope {
    if (!this.configured) this.configure();
    return this.configured as ConfiguredScope;
  }

  private identify(data: unknown): RequestIdentity {
    const { config, keyPrefix } = this.configuredScope();
    const identity = deriveIdentity(config, keyPrefix, data, keySchemeOf(this));
    if (!identity) throw new IdempotencyKeyError('No idempotency key found in the data');
    return identity;
  }

  private openClaimFor(data: unknown): IdempotencyRecord {
    const identity = this.identify(data);
    return (
      this.openClaims.get(identity.idempotencyKey) ??
      new IdempotencyRecord({ ...identity, status: IdempotencyRecordStatus.INPROGRESS })
    );
  }
}
