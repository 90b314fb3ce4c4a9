import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { IdempotencyPersistenceConsistencyError, IdempotencyRecord, IdempotencyRecordStatus } from '@idem/core';
import type { IdempotencyRecordStatusValue, JSONValue } from '@idem/core/types';
import type { TableLayout } from './tableLayout.js';

/** A DynamoDB item in the wire format: attribute name to typed value. */
export type Item = Record<string, AttributeValue>;

const knownStatuses = new Set<string>(Object.values(IdempotencyRecordStatus));

/**
 * Converts records to items and back. Every attribute is a string or a number, so the items are
 * built by hand rather than with a marshalling library; the response is stored as JSON text, so
 * any JSON value (`''`, `null`, nested arrays) comes back exactly, and an undefined response is
 * no attribute at all.
 */
export class RecordItemCodec {
  constructor(private readonly layout: TableLayout) {}

  /** The primary key of a record: the idempotency key itself, or the static partition value plus it as sort key. */
  public key(idempotencyKey: string): Item {
    const { keyAttr, sortKeyAttr, staticPkValue } = this.layout;
    if (sortKeyAttr === undefined) return { [keyAttr]: { S: idempotencyKey } };
    return { [keyAttr]: { S: staticPkValue }, [sortKeyAttr]: { S: idempotencyKey } };
  }

  /** The whole item of a record, key included. */
  public toItem(record: IdempotencyRecord): Item {
    const layout = this.layout;
    const item: Item = {
      ...this.key(record.idempotencyKey),
      [layout.statusAttr]: { S: record.status },
    };
    if (record.expiryTimestamp !== undefined) item[layout.expiryAttr] = { N: String(record.expiryTimestamp) };
    if (record.inProgressExpiryTimestamp !== undefined) {
      item[layout.inProgressExpiryAttr] = { N: String(record.inProgressExpiryTimestamp) };
    }
    if (record.payloadHash !== undefined) item[layout.validationKeyAttr] = { S: record.payloadHash };
    if (record.ownerToken !== undefined) item[layout.ownerAttr] = { S: record.ownerToken };
    if (record.responseData !== undefined) item[layout.dataAttr] = { S: JSON.stringify(record.responseData) };
    return item;
  }

  /**
   * The record a stored item holds. The key comes from the request, so in a composite-key table
   * the record carries the idempotency key, not the static partition value. An item this layer
   * could not have written is refused rather than guessed at.
   */
  public toRecord(idempotencyKey: string, item: Item): IdempotencyRecord {
    const layout = this.layout;
    const corrupt = (problem: string): IdempotencyPersistenceConsistencyError =>
      new IdempotencyPersistenceConsistencyError(
        `The stored idempotency record of key ${idempotencyKey} in table ${layout.tableName} cannot be read: ${problem}`
      );
    const status = readString(item, layout.statusAttr, corrupt);
    if (status === undefined || !knownStatuses.has(status)) {
      throw corrupt(
        `attribute ${layout.statusAttr} is ${status === undefined ? 'missing' : JSON.stringify(status)}, not a known status`
      );
    }
    const expiryTimestamp = readNumber(item, layout.expiryAttr, corrupt);
    if (expiryTimestamp === undefined) throw corrupt(`attribute ${layout.expiryAttr} is missing`);
    const dataText = readString(item, layout.dataAttr, corrupt);
    let responseData: JSONValue | undefined;
    if (dataText !== undefined) {
      try {
        responseData = JSON.parse(dataText) as JSONValue;
      } catch {
        throw corrupt(`attribute ${layout.dataAttr} is not valid JSON`);
      }
    }
    return new IdempotencyRecord({
      idempotencyKey,
      status: status as IdempotencyRecordStatusValue,
      expiryTimestamp,
      inProgressExpiryTimestamp: readNumber(item, layout.inProgressExpiryAttr, corrupt),
      payloadHash: readString(item, layout.validationKeyAttr, corrupt),
      ownerToken: readString(item, layout.ownerAttr, corrupt),
      responseData,
    });
  }
}

type Corrupt = (problem: string) => Error;

function readString(item: Item, name: string, corrupt: Corrupt): string | undefined {
  const value = item[name];
  if (value === undefined) return undefined;
  if (typeof value.S !== 'string') throw corrupt(`attribute ${name} is not a string`);
  return value.S;
}

function readNumber(item: Item, name: string, corrupt: Corrupt): number | undefined {
  const value = item[name];
  if (value === undefined) return undefined;
  const number = typeof value.N === 'string' ? Number(value.N) : Number.NaN;
  if (!Number.isFinite(number)) throw corrupt(`attribute ${name} is not a number`);
  return number;
}
