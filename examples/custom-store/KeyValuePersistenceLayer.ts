import { persistenceAttributeDefaults } from '@idem/core';
import {
  BasePersistenceLayer,
  type ClaimRefusal,
  claimLostError,
  IdempotencyRecord,
  recordNotFoundError,
} from '@idem/core/persistence';
import type { BasePersistenceAttributes, IdempotencyRecordStatusValue, JSONValue } from '@idem/core/types';
import type { KeyValueClient, VersionedEntry } from './KeyValueClient.js';

/** Options of KeyValuePersistenceLayer. */
export interface KeyValuePersistenceOptions extends BasePersistenceAttributes {
  /** The connected key-value client. */
  client: KeyValueClient;
}

/** Attribute name of the claim's owner token. */
const ownerAttr = 'owner';

/** Idempotency records in a key-value service, one JSON value per key. */
export class KeyValuePersistenceLayer extends BasePersistenceLayer {
  private readonly client: KeyValueClient;
  private readonly names: Required<BasePersistenceAttributes>;

  constructor(options: KeyValuePersistenceOptions) {
    super();
    this.client = options.client;
    this.names = {
      expiryAttr: options.expiryAttr ?? persistenceAttributeDefaults.expiryAttr,
      inProgressExpiryAttr: options.inProgressExpiryAttr ?? persistenceAttributeDefaults.inProgressExpiryAttr,
      statusAttr: options.statusAttr ?? persistenceAttributeDefaults.statusAttr,
      dataAttr: options.dataAttr ?? persistenceAttributeDefaults.dataAttr,
      validationKeyAttr: options.validationKeyAttr ?? persistenceAttributeDefaults.validationKeyAttr,
    };
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const entry = await this.client.get(idempotencyKey);
    if (!entry) throw recordNotFoundError(idempotencyKey);
    return this.decode(idempotencyKey, entry);
  }

  protected override async _claimRecord(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    const key = record.idempotencyKey;
    const entry = await this.client.get(key);
    if (entry) {
      const existing = this.decode(key, entry);
      if (!existing.isClaimable()) return { existingRecord: existing };
    }
    // The write names the version we decided on: if another claim wrote in between, it fails,
    // so read, decide and write act as one atomic step.
    const written = await this.client.put(key, this.encode(record), {
      ifVersion: entry?.version ?? 'absent',
      expiresAtMs: expiresAtMs(record),
    });
    if (written) return undefined;
    const winner = await this.client.get(key);
    return { existingRecord: winner && this.decode(key, winner) };
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const key = record.idempotencyKey;
    const entry = await this.client.get(key);
    const owned = entry !== undefined && this.decode(key, entry).ownerToken === record.ownerToken;
    const written =
      owned && (await this.client.put(key, this.encode(record), { ifVersion: entry.version, expiresAtMs: expiresAtMs(record) }));
    if (!written) throw claimLostError(record);
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    const key = record.idempotencyKey;
    const entry = await this.client.get(key);
    if (entry && this.decode(key, entry).ownerToken === record.ownerToken) {
      await this.client.delete(key, { ifVersion: entry.version });
    }
  }

  // Optional: lets renewInProgressLease keep a long function's claim alive.
  protected override async _extendRecord(record: IdempotencyRecord): Promise<void> {
    const key = record.idempotencyKey;
    const entry = await this.client.get(key);
    const stored = entry && this.decode(key, entry);
    const owned = stored !== undefined && stored.ownerToken === record.ownerToken && stored.getStatus() === 'INPROGRESS';
    if (owned) stored.inProgressExpiryTimestamp = record.inProgressExpiryTimestamp;
    const written =
      owned &&
      entry &&
      (await this.client.put(key, this.encode(stored), { ifVersion: entry.version, expiresAtMs: expiresAtMs(stored) }));
    if (!written) throw claimLostError(record);
  }

  private encode(record: IdempotencyRecord): string {
    // JSON.stringify leaves out undefined fields: a response of undefined is stored as no data.
    return JSON.stringify({
      [this.names.statusAttr]: record.status,
      [this.names.expiryAttr]: record.expiryTimestamp,
      [this.names.inProgressExpiryAttr]: record.inProgressExpiryTimestamp,
      [this.names.validationKeyAttr]: record.payloadHash,
      [this.names.dataAttr]: record.responseData,
      [ownerAttr]: record.ownerToken,
    });
  }

  private decode(idempotencyKey: string, entry: VersionedEntry): IdempotencyRecord {
    const stored = JSON.parse(entry.value) as Record<string, unknown>;
    return new IdempotencyRecord({
      idempotencyKey,
      status: stored[this.names.statusAttr] as IdempotencyRecordStatusValue,
      expiryTimestamp: stored[this.names.expiryAttr] as number | undefined,
      inProgressExpiryTimestamp: stored[this.names.inProgressExpiryAttr] as number | undefined,
      payloadHash: stored[this.names.validationKeyAttr] as string | undefined,
      responseData: stored[this.names.dataAttr] as JSONValue | undefined,
      ownerToken: stored[ownerAttr] as string | undefined,
    });
  }
}

/** The service drops the entry when the record expires, so no record lives forever. */
function expiresAtMs(record: IdempotencyRecord): number {
  return (record.expiryTimestamp ?? 0) * 1000;
}
