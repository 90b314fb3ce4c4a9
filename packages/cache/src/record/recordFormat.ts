import { IdempotencyPersistenceConsistencyError, IdempotencyRecordStatus } from '@idem/core';
import { IdempotencyRecord } from '@idem/core/persistence';
import type { JSONValue } from '@idem/core/types';
import { idemRecordScripts } from '../scripts/recordScripts.js';
import type { CacheRecordFormat } from './CacheRecordFormat.js';

/**
 * The stored value of one record, version 1:
 *
 * ```text
 * ["idem",1,"<I|C>",<expirySeconds>,<inProgressExpiryMs|null>,"<ownerToken>"|null,"<payloadHash>"|null]
 * <response as JSON, on a second line; no second line when the function returned undefined>
 * ```
 *
 * The header is a JSON array of fixed positions so the Lua scripts decode only it (never the
 * response, which may be large); JSON text never holds a raw newline, so the first newline ends
 * the header.
 */
export const recordFormat = { marker: 'idem', version: 1 } as const;

/** The statuses a record is stored with; EXPIRED is never stored, it is read from the expiry. */
type StoredStatus = 'INPROGRESS' | 'COMPLETED';

const codeOfStatus = { INPROGRESS: 'I', COMPLETED: 'C' } as const satisfies Record<StoredStatus, string>;
const statusOfCode = {
  I: IdempotencyRecordStatus.INPROGRESS,
  C: IdempotencyRecordStatus.COMPLETED,
} as const satisfies Record<string, StoredStatus>;

/** The stored value of a record, with the status it was made with (`record.status`). */
export function encodeRecord(record: IdempotencyRecord): string {
  const code = codeOfStatus[storedStatus(record)];
  const header = JSON.stringify([
    recordFormat.marker,
    recordFormat.version,
    code,
    record.expiryTimestamp ?? null,
    record.inProgressExpiryTimestamp ?? null,
    record.ownerToken ?? null,
    record.payloadHash ?? null,
  ]);
  return record.responseData === undefined ? header : `${header}\n${JSON.stringify(record.responseData)}`;
}

/** The record a stored value holds; a value of another format raises `IdempotencyPersistenceConsistencyError`. */
export function decodeRecord(idempotencyKey: string, value: string): IdempotencyRecord {
  const newline = value.indexOf('\n');
  const headerText = newline === -1 ? value : value.slice(0, newline);
  const header = parseJson(idempotencyKey, headerText);
  if (!Array.isArray(header) || header[0] !== recordFormat.marker) {
    throw inconsistent(idempotencyKey, 'it is not an idempotency record');
  }
  if (header[1] !== recordFormat.version) {
    throw inconsistent(idempotencyKey, `its format version ${JSON.stringify(header[1])} is not ${recordFormat.version}`);
  }
  const [, , code, expiry, inProgressExpiry, ownerToken, payloadHash] = header as unknown[];
  if (code !== 'I' && code !== 'C') throw inconsistent(idempotencyKey, `its status ${JSON.stringify(code)} is unknown`);
  if (typeof expiry !== 'number' || !isOptional(inProgressExpiry, 'number')) {
    throw inconsistent(idempotencyKey, 'its expiry is not a number');
  }
  if (!isOptional(ownerToken, 'string') || !isOptional(payloadHash, 'string')) {
    throw inconsistent(idempotencyKey, 'its owner token or payload hash is not a string');
  }
  const responseData = newline === -1 ? undefined : (parseJson(idempotencyKey, value.slice(newline + 1)) as JSONValue);
  return new IdempotencyRecord({
    idempotencyKey,
    status: statusOfCode[code],
    expiryTimestamp: expiry,
    inProgressExpiryTimestamp: inProgressExpiry ?? undefined,
    ownerToken: ownerToken ?? undefined,
    payloadHash: payloadHash ?? undefined,
    responseData,
  });
}

/** idem's format, with the scripts that read it. */
export const idemRecordFormat: CacheRecordFormat = {
  encode: encodeRecord,
  decode: decodeRecord,
  scripts: idemRecordScripts,
};

function storedStatus(record: IdempotencyRecord): StoredStatus {
  if (record.status === 'EXPIRED')
    throw inconsistent(record.idempotencyKey, 'a record made with status EXPIRED cannot be stored');
  return record.status;
}

function isOptional<T extends 'number' | 'string'>(
  value: unknown,
  type: T
): value is (T extends 'number' ? number : string) | null | undefined {
  return value === null || value === undefined || typeof value === type;
}

function parseJson(idempotencyKey: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw inconsistent(idempotencyKey, 'it is not valid JSON', error);
  }
}

function inconsistent(idempotencyKey: string, reason: string, cause?: unknown): IdempotencyPersistenceConsistencyError {
  return new IdempotencyPersistenceConsistencyError(
    `The stored value of idempotency key ${idempotencyKey} cannot be read: ${reason}`,
    cause === undefined ? undefined : { cause }
  );
}
