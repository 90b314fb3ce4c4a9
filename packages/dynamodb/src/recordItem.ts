import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { IdempotencyPersistenceConsistencyError, IdempotencyRecord, IdempotencyRecordStatus } from '@idem/core';
import type { IdempotencyRecordStatusValue, JSONValue } from '@idem/core/types';
import type { TableLayout } from './tableLayout.js';

/** A DynamoDB item in the wire format: attribute name to typed value. */
export type Item = Record<string, AttributeValue>;

/** Makes the error for a stored item that cannot be read, naming the problem. */
export type Corrupt = (problem: string) => IdempotencyPersistenceConsistencyError;

/**
 * What tells the record formats apart. idem's (below) and Powertools' (`powertoolsItem.ts`) name
 * and type every attribute alike; they differ in how the response is stored and in the statuses
 * an item may hold.
 */
export interface ItemFormat {
  /** The statuses a stored item may hold; any other is refused as unreadable. */
  readonly statuses: ReadonlySet<string>;
  /** The stored form of a response (an undefined response is no attribute at all). */
  writeResponse(responseData: JSONValue, idempotencyKey: string): AttributeValue;
  /** The response a stored attribute holds; `corrupt` makes the error for one it cannot hold. */
  readResponse(value: AttributeValue, name: string, corrupt: Corrupt): JSONValue;
}

/**
 * idem's own format: the response is JSON text in a string attribute, so any JSON value (`''`,
 * `null`, nested arrays) comes back exactly and the item's size is known before the write.
 */
export const recordItemFormat: ItemFormat = {
  statuses: new Set<string>(Object.values(IdempotencyRecordStatus)),
  writeResponse: (responseData) => ({ S: JSON.stringify(responseData) }),
  readResponse(value, name, corrupt) {
    if (typeof value.S !== 'string') throw corrupt(`attribute ${name} is not a string`);
    try {
      return JSON.parse(value.S) as JSONValue;
    } catch {
      throw corrupt(`attribute ${name} is not valid JSON`);
    }
  },
};

/**
 * Converts records to items and back, in a format (idem's unless told). Every attribute but the
 * response is a string or a number, so the items are built by hand rather than with a
 * marshalling library; an undefined response is no attribute at all.
 */
export class RecordItemCodec {
  constructor(
    private readonly layout: TableLayout,
    private readonly format: ItemFormat = recordItemFormat
  ) {}

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
    if (record.responseData !== undefined) {
      item[layout.dataAttr] = this.format.writeResponse(record.responseData, record.idempotencyKey);
    }
    return item;
  }

  /**
   * The record a stored item holds. The key comes from the request, so in a composite-key table
   * the record carries the idempotency key, not the static partition value. An item this layer
   * could not have written is refused rather than guessed at.
   */
  public toRecord(idempotencyKey: string, item: Item): IdempotencyRecord {
    const layout = this.layout;
    const corrupt: Corrupt = (problem) =>
      new IdempotencyPersistenceConsistencyError(
        `The stored idempotency record of key ${idempotencyKey} in table ${layout.tableName} cannot be read: ${problem}`
      );
    const status = readString(item, layout.statusAttr, corrupt);
    if (status === undefined || !this.format.statuses.has(status)) {
      throw corrupt(
        `attribute ${layout.statusAttr} is ${status === undefined ? 'missing' : JSON.stringify(status)}, not a known status`
      );
    }
    const expiryTimestamp = readNumber(item, layout.expiryAttr, corrupt);
    if (expiryTimestamp === undefined) throw corrupt(`attribute ${layout.expiryAttr} is missing`);
    const data = item[layout.dataAttr];
    return new IdempotencyRecord({
      idempotencyKey,
      status: status as IdempotencyRecordStatusValue,
      expiryTimestamp,
      inProgressExpiryTimestamp: readNumber(item, layout.inProgressExpiryAttr, corrupt),
      payloadHash: readString(item, layout.validationKeyAttr, corrupt),
      ownerToken: readString(item, layout.ownerAttr, corrupt),
      responseData: data === undefined ? undefined : this.format.readResponse(data, layout.dataAttr, corrupt),
    });
  }
}

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
