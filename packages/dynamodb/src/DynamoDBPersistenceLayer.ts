import {
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type PutItemCommandInput,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  assertKnownOptions,
  BasePersistenceLayer,
  IdempotencyConfigurationError,
  IdempotencyPersistenceLayerError,
  type IdempotencyRecord,
  IdempotencyRecordStatus,
} from '@idem/core';
import {
  type ClaimRefusal,
  claimLostError,
  type KeySchemeName,
  keySchemeOfCompatibility,
  recordNotFoundError,
} from '@idem/core/persistence';
import { maxItemSizeBytes } from './constants.js';
import { itemSizeBytes } from './itemSize.js';
import { powertoolsItemFormat } from './powertoolsItem.js';
import { type Item, RecordItemCodec } from './recordItem.js';
import { dynamoDBOptionNames, resolveTableLayout, type TableLayout } from './tableLayout.js';
import type { DynamoDBPersistenceOptions } from './types/index.js';

/** The condition of a conditional write; PutItem and DeleteItem share these fields. */
type Condition = Pick<
  PutItemCommandInput,
  'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues' | 'ReturnValuesOnConditionCheckFailure'
>;

/**
 * Idempotency records in an Amazon DynamoDB table, simple-key or composite-key.
 *
 * A claim is one conditional `PutItem` that also asks for the refused item
 * (`ReturnValuesOnConditionCheckFailure: ALL_OLD`), so a repeated call costs one round trip.
 * Completion and release are conditional on the claim's owner token. Expiry is judged in code
 * from the stored timestamps, since DynamoDB's TTL deletes expired items only eventually.
 * With `compatibility: 'powertools'` keys and items are Powertools' (powertoolsItem.ts).
 */
export class DynamoDBPersistenceLayer extends BasePersistenceLayer {
  /** Whose keys the functions wrapped over this layer write: Powertools' in compatibility, else idem's. */
  public readonly keyScheme: KeySchemeName;
  private readonly client: DynamoDBClient;
  private readonly layout: TableLayout;
  private readonly codec: RecordItemCodec;

  constructor(options: DynamoDBPersistenceOptions) {
    super();
    assertKnownOptions(options, dynamoDBOptionNames, 'DynamoDBPersistenceLayer');
    this.keyScheme = keySchemeOfCompatibility(options?.compatibility);
    this.layout = resolveTableLayout(options);
    this.codec = new RecordItemCodec(this.layout, this.keyScheme === 'powertools' ? powertoolsItemFormat : undefined);
    this.client = clientOf(options);
  }

  /** One conditional PutItem: the claim is written if no live record holds the key, else refused. */
  protected override async _claimRecord(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    const { keyAttr, expiryAttr, inProgressExpiryAttr, statusAttr } = this.layout;
    const nowMs = Date.now();
    // Same boundaries as IdempotencyRecord.isClaimable, so a refused claim never returns a
    // record that the engine would call claimable.
    const claimable = [
      'attribute_not_exists(#key)',
      '#expiry <= :nowSeconds',
      '(#status = :inProgress AND attribute_exists(#inProgressExpiry) AND #inProgressExpiry <= :nowMs)',
    ].join(' OR ');
    try {
      await this.put(record, {
        ConditionExpression: claimable,
        ExpressionAttributeNames: {
          '#key': keyAttr,
          '#expiry': expiryAttr,
          '#status': statusAttr,
          '#inProgressExpiry': inProgressExpiryAttr,
        },
        ExpressionAttributeValues: {
          ':nowSeconds': { N: String(nowMs / 1000) },
          ':nowMs': { N: String(nowMs) },
          ':inProgress': { S: IdempotencyRecordStatus.INPROGRESS },
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      return undefined;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Without the old item (a server that ignores ALL_OLD), the engine reads it once, consistently.
      return { existingRecord: error.Item && this.codec.toRecord(record.idempotencyKey, error.Item) };
    }
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const { Item: item } = await this.client.send(
      new GetItemCommand({ TableName: this.layout.tableName, Key: this.codec.key(idempotencyKey), ConsistentRead: true })
    );
    if (!item) throw recordNotFoundError(idempotencyKey);
    return this.codec.toRecord(idempotencyKey, item);
  }

  /** Replaces the claim by the whole COMPLETED item, so the size checked is the size stored. */
  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    try {
      await this.put(record, this.ownedBy(record));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw claimLostError(record);
    }
  }

  /** Moves a live claim's lease (`renewInProgressLease`); the one write that is an UpdateItem. */
  protected override async _extendRecord(record: IdempotencyRecord): Promise<void> {
    const owned = this.ownedBy(record);
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.layout.tableName,
          Key: this.codec.key(record.idempotencyKey),
          UpdateExpression: 'SET #inProgressExpiry = :lease',
          ConditionExpression: `${owned.ConditionExpression} AND #status = :inProgress`,
          ExpressionAttributeNames: {
            ...owned.ExpressionAttributeNames,
            '#inProgressExpiry': this.layout.inProgressExpiryAttr,
            '#status': this.layout.statusAttr,
          },
          ExpressionAttributeValues: {
            ...owned.ExpressionAttributeValues,
            ':lease': { N: String(record.inProgressExpiryTimestamp) },
            ':inProgress': { S: IdempotencyRecordStatus.INPROGRESS },
          },
        })
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw claimLostError(record);
    }
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    try {
      const key = this.codec.key(record.idempotencyKey);
      await this.client.send(new DeleteItemCommand({ TableName: this.layout.tableName, Key: key, ...this.ownedBy(record) }));
    } catch (error) {
      // Another call owns the key now: its record is not ours to delete.
      if (!isConditionFailure(error)) throw error;
    }
  }

  private async put(record: IdempotencyRecord, condition: Condition): Promise<void> {
    const item = this.codec.toItem(record);
    assertFits(item, record.idempotencyKey);
    await this.client.send(new PutItemCommand({ TableName: this.layout.tableName, Item: item, ...condition }));
  }

  /** The condition that the stored record is still the one this record's caller claimed. */
  private ownedBy(record: IdempotencyRecord): Condition {
    if (record.ownerToken === undefined) {
      return {
        ConditionExpression: 'attribute_not_exists(#owner)',
        ExpressionAttributeNames: { '#owner': this.layout.ownerAttr },
      };
    }
    return {
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': this.layout.ownerAttr },
      ExpressionAttributeValues: { ':owner': { S: record.ownerToken } },
    };
  }
}

function clientOf(options: DynamoDBPersistenceOptions): DynamoDBClient {
  if (options.awsSdkV3Client !== undefined && options.clientConfig !== undefined) {
    throw new IdempotencyConfigurationError(
      'clientConfig and awsSdkV3Client are exclusive: pass the settings or the client, not both'
    );
  }
  if (options.awsSdkV3Client !== undefined) {
    if (typeof options.awsSdkV3Client?.send !== 'function') {
      throw new IdempotencyConfigurationError('awsSdkV3Client must be a DynamoDBClient of the AWS SDK for JavaScript v3');
    }
    return options.awsSdkV3Client;
  }
  return new DynamoDBClient(options.clientConfig ?? {});
}

/** Refuses an item DynamoDB would refuse, before anything is written. */
function assertFits(item: Item, idempotencyKey: string): void {
  const size = itemSizeBytes(item);
  if (size > maxItemSizeBytes) {
    throw new IdempotencyPersistenceLayerError(
      `The idempotency record of key ${idempotencyKey} is ${size} bytes, over DynamoDB's item limit of ` +
        `${maxItemSizeBytes} bytes (400 KB); nothing was written. Return a smaller result or shrink it with a responseSerializer.`
    );
  }
}

/** A refused condition; matched by name, so a client from another copy of the SDK is recognised too. */
function isConditionFailure(error: unknown): error is Error & { Item?: Item } {
  return (error as Error | undefined)?.name === 'ConditionalCheckFailedException';
}
