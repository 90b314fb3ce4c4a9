import { IdempotencyConfigurationError, IdempotencyRecordStatus, persistenceAttributeDefaults } from '@idem/core';
import { IdempotencyRecord, unreadableRecordError } from '@idem/core/persistence';
import type { BasePersistenceAttributes, JSONValue } from '@idem/core/types';
import { powertoolsRecordScripts } from '../scripts/powertoolsScripts.js';
import type { CacheRecordFormat } from './CacheRecordFormat.js';

/** The JSON field of each part of a record, with Powertools' defaults. */
export interface PowertoolsFields {
  status: string;
  expiry: string;
  lease: string;
  data: string;
  validation: string;
  /** The owner token: idem's addition, which Powertools neither reads nor writes. */
  owner: string;
}

/** The field of the owner token; no option of Powertools names it. */
export const powertoolsOwnerField = 'owner';

/**
 * Powertools for AWS Lambda 2.x's value (`compatibility: 'powertools'`): one JSON object under
 * the bare idempotency key, fields named by the attribute options as Powertools names them:
 *
 * ```text
 * {"status":"INPROGRESS","expiration":<s>,"in_progress_expiration":<ms>,"validation":"<hash>","owner":"<token>"}
 * {"status":"COMPLETED","expiration":<s>,"data":<response>,"validation":"<hash>","owner":"<token>"}
 * ```
 *
 * Completion keeps the validation hash, as Powertools after 2.35 does (2.35 drops it; such a
 * value is read as a record without hash). A stored record that expired or whose claim lapsed is
 * replaced only by the caller that wins Powertools' lock, `<key>:lock` (SET NX, 10 s), as
 * Powertools replaces one.
 */
export function powertoolsRecordFormat(options: BasePersistenceAttributes | undefined): CacheRecordFormat {
  const fields = powertoolsFields(options);
  return {
    encode: (record) => encodePowertoolsRecord(fields, record),
    decode: (idempotencyKey, value) => decodePowertoolsRecord(fields, idempotencyKey, value),
    scripts: powertoolsRecordScripts(fields),
    takeoverLock: { key: (storageKey) => `${storageKey}:lock`, value: 'true', ttlMs: 10_000 },
  };
}

function powertoolsFields(options: BasePersistenceAttributes | undefined): PowertoolsFields {
  const fields: PowertoolsFields = {
    status: options?.statusAttr ?? persistenceAttributeDefaults.statusAttr,
    expiry: options?.expiryAttr ?? persistenceAttributeDefaults.expiryAttr,
    lease: options?.inProgressExpiryAttr ?? persistenceAttributeDefaults.inProgressExpiryAttr,
    data: options?.dataAttr ?? persistenceAttributeDefaults.dataAttr,
    validation: options?.validationKeyAttr ?? persistenceAttributeDefaults.validationKeyAttr,
    owner: powertoolsOwnerField,
  };
  const optionOfField = new Map<string, string>();
  const optionNames: Record<keyof PowertoolsFields, string> = {
    status: 'statusAttr',
    expiry: 'expiryAttr',
    lease: 'inProgressExpiryAttr',
    data: 'dataAttr',
    validation: 'validationKeyAttr',
    owner: 'the owner token',
  };
  for (const part of Object.keys(fields) as Array<keyof PowertoolsFields>) {
    const name = fields[part];
    if (typeof name !== 'string' || name === '') {
      throw new IdempotencyConfigurationError(`${optionNames[part]} must be a non-empty field name`);
    }
    const taken = optionOfField.get(name);
    if (taken) {
      throw new IdempotencyConfigurationError(
        `${taken} and ${optionNames[part]} are both ${JSON.stringify(name)}: each part of a record needs its own field`
      );
    }
    optionOfField.set(name, optionNames[part]);
  }
  return fields;
}

function encodePowertoolsRecord(fields: PowertoolsFields, record: IdempotencyRecord): string {
  if (record.status === IdempotencyRecordStatus.EXPIRED) {
    throw unreadableRecordError(record.idempotencyKey, 'a record made with status EXPIRED cannot be stored');
  }
  // Powertools' field order: status, expiry, then what the record has.
  const item: Record<string, unknown> = { [fields.status]: record.status, [fields.expiry]: record.expiryTimestamp };
  if (record.status === IdempotencyRecordStatus.INPROGRESS && record.inProgressExpiryTimestamp !== undefined) {
    item[fields.lease] = record.inProgressExpiryTimestamp;
  }
  if (record.responseData !== undefined) item[fields.data] = record.responseData;
  if (record.payloadHash !== undefined) item[fields.validation] = record.payloadHash;
  if (record.ownerToken !== undefined) item[fields.owner] = record.ownerToken;
  return JSON.stringify(item);
}

/** The record a stored value holds, with the same rules as the scripts' `readRecord`. */
function decodePowertoolsRecord(fields: PowertoolsFields, idempotencyKey: string, value: string): IdempotencyRecord {
  let item: unknown;
  try {
    item = JSON.parse(value);
  } catch (error) {
    throw unreadableRecordError(idempotencyKey, 'it is not valid JSON', error);
  }
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw unreadableRecordError(idempotencyKey, 'it is not a JSON object');
  }
  const stored = item as Record<string, unknown>;
  const status = stored[fields.status];
  if (status !== IdempotencyRecordStatus.INPROGRESS && status !== IdempotencyRecordStatus.COMPLETED) {
    throw unreadableRecordError(
      idempotencyKey,
      `its field ${fields.status} is ${JSON.stringify(status) ?? 'missing'}, not a known status`
    );
  }
  const expiry = stored[fields.expiry];
  if (typeof expiry !== 'number') throw unreadableRecordError(idempotencyKey, `its field ${fields.expiry} is not a number`);
  return new IdempotencyRecord({
    idempotencyKey,
    status,
    expiryTimestamp: expiry,
    inProgressExpiryTimestamp: optional(idempotencyKey, stored, fields.lease, 'number'),
    payloadHash: optional(idempotencyKey, stored, fields.validation, 'string'),
    ownerToken: optional(idempotencyKey, stored, fields.owner, 'string'),
    responseData: stored[fields.data] as JSONValue | undefined,
  });
}

function optional<T extends 'number' | 'string'>(
  idempotencyKey: string,
  stored: Record<string, unknown>,
  field: string,
  type: T
): (T extends 'number' ? number : string) | undefined {
  const value = stored[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== type) throw unreadableRecordError(idempotencyKey, `its field ${field} is not a ${type}`);
  return value as T extends 'number' ? number : string;
}
