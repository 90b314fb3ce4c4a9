import { IdempotencyRecordStatus } from '@idem/core';
import { IdempotencyRecord, unreadableRecordError } from '@idem/core/persistence';
import type { JSONValue } from '@idem/core/types';

/** The statuses a record is stored with; EXPIRED is never stored, it is read from the expiry. */
const storedStatuses = new Set<string>([IdempotencyRecordStatus.INPROGRESS, IdempotencyRecordStatus.COMPLETED]);

/**
 * The record a row holds, from its columns as text in `recordColumns` order: status, expiry,
 * lease, data, validation, owner (`offset` skips columns before them). A row this layer could
 * not have written raises `IdempotencyPersistenceConsistencyError`, naming what is wrong.
 */
export function rowRecord(idempotencyKey: string, row: ArrayLike<unknown>, offset = 0): IdempotencyRecord {
  const column = (index: number): string | null => {
    const value = row[offset + index];
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') throw unreadableRecordError(idempotencyKey, `column ${index + 1} did not come back as text`);
    return value;
  };
  const status = column(0);
  if (status === null || !storedStatuses.has(status)) {
    throw unreadableRecordError(idempotencyKey, `its status ${JSON.stringify(status)} is not a known status`);
  }
  const expiryTimestamp = readNumber(idempotencyKey, column(1), 'expiry');
  if (expiryTimestamp === undefined) throw unreadableRecordError(idempotencyKey, 'it has no expiry');
  const data = column(3);
  let responseData: JSONValue | undefined;
  if (data !== null) {
    try {
      responseData = JSON.parse(data) as JSONValue;
    } catch (error) {
      throw unreadableRecordError(idempotencyKey, 'its data is not valid JSON', error);
    }
  }
  return new IdempotencyRecord({
    idempotencyKey,
    status: status as 'INPROGRESS' | 'COMPLETED',
    expiryTimestamp,
    inProgressExpiryTimestamp: readNumber(idempotencyKey, column(2), 'in-progress expiry'),
    responseData,
    payloadHash: column(4) ?? undefined,
    ownerToken: column(5) ?? undefined,
  });
}

function readNumber(idempotencyKey: string, text: string | null, what: string): number | undefined {
  if (text === null) return undefined;
  const number = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(number))
    throw unreadableRecordError(idempotencyKey, `its ${what} ${JSON.stringify(text)} is not a number`);
  return number;
}
