import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { IdempotencyPersistenceLayerError, IdempotencyRecord } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { itemSizeBytes } from '../src/itemSize.js';
import { fakeDateOnly } from './support.js';

describe('itemSizeBytes, by DynamoDB rules', () => {
  it('counts attribute names and string values in UTF-8 bytes, not characters', () => {
    expect(itemSizeBytes({ id: { S: 'abc' } })).toBe(2 + 3);
    expect(itemSizeBytes({ é: { S: 'é😀' } })).toBe(2 + 2 + 4);
  });

  it('counts a number as one byte per two significant digits plus one', () => {
    expect(itemSizeBytes({ n: { N: '1767225661' } })).toBe(1 + 5 + 1);
    expect(itemSizeBytes({ n: { N: '1767225600' } })).toBe(1 + 4 + 1);
    expect(itemSizeBytes({ n: { N: '-0.00123' } })).toBe(1 + 2 + 1);
    expect(itemSizeBytes({ n: { N: '0' } })).toBe(1 + 1 + 1);
  });
});

describe('a completed record over the 400 KB item limit', () => {
  const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const dynamodb = mockClient(client);
  const layer = new DynamoDBPersistenceLayer({ tableName: 't', awsSdkV3Client: client });
  const ownerToken = '00000000-0000-4000-8000-000000000000';
  const claim = new IdempotencyRecord({ idempotencyKey: 'fn#k', status: 'INPROGRESS', ownerToken });
  // id+key, status+COMPLETED, expiration+10 digits, owner+token, data+the JSON quotes
  const overhead = 2 + 4 + (6 + 9) + (10 + 6) + (5 + 36) + (4 + 2);

  beforeEach(() => {
    dynamodb.reset();
    dynamodb.on(PutItemCommand).resolves({});
    fakeDateOnly();
    jest.setSystemTime(new Date('2026-01-01T00:00:00Z'));
  });
  afterEach(() => jest.useRealTimers());
  afterAll(() => dynamodb.restore());

  it('is written when it is exactly 400 KB', async () => {
    await layer.complete(claim, 'x'.repeat(409_600 - overhead), 61);
    expect(dynamodb.commandCalls(PutItemCommand)).toHaveLength(1);
  });

  it('is refused one byte over, with the size and the limit in the message, and nothing is sent', async () => {
    const refused = layer.complete(claim, 'x'.repeat(409_601 - overhead), 61);
    await expect(refused).rejects.toBeInstanceOf(IdempotencyPersistenceLayerError);
    await expect(refused).rejects.toThrow(
      "is 409601 bytes, over DynamoDB's item limit of 409600 bytes (400 KB); nothing was written"
    );
    expect(dynamodb.calls()).toHaveLength(0);
  });
});
