import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyPersistenceConsistencyError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { claimed } from './support.js';

const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const dynamodb = mockClient(client);
const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function refusedWith(Item?: ConditionalCheckFailedException['Item']): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item });
}

beforeEach(() => dynamodb.reset());
afterAll(() => dynamodb.restore());

describe('a refused claim on a server that returns the old item (ALL_OLD)', () => {
  const layer = new DynamoDBPersistenceLayer({
    tableName: 'idempotency',
    sortKeyAttr: 'sk',
    staticPkValue: 'idempotency#orders',
    awsSdkV3Client: client,
  });

  it('asks for the old item in the same conditional PutItem', async () => {
    dynamodb.on(PutItemCommand).resolves({});
    await claimed(layer.claim({ idempotencyKey: 'orders#abc' }, claimOptions));

    const [put] = dynamodb.commandCalls(PutItemCommand);
    expect(put?.args[0].input).toMatchObject({
      TableName: 'idempotency',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      ConditionExpression: expect.stringContaining('attribute_not_exists(#key)'),
      Item: expect.objectContaining({ id: { S: 'idempotency#orders' }, sk: { S: 'orders#abc' }, status: { S: 'INPROGRESS' } }),
    });
  });

  it('carries the stored record, keyed by the idempotency key rather than the static partition value', async () => {
    dynamodb.on(PutItemCommand).rejects(
      refusedWith({
        id: { S: 'idempotency#orders' },
        sk: { S: 'orders#abc' },
        status: { S: 'COMPLETED' },
        expiration: { N: String(inAnHour()) },
        validation: { S: 'hash-1' },
        owner: { S: 'token-1' },
        data: { S: '{"charged":42}' },
      })
    );

    const refused = await layer.claim({ idempotencyKey: 'orders#abc' }, claimOptions);

    expect(refused).toMatchObject({ kind: 'refused' });
    const existing = refused.kind === 'refused' ? refused.existingRecord : undefined;
    expect(existing?.idempotencyKey).toBe('orders#abc');
    expect(existing?.getStatus()).toBe('COMPLETED');
    expect(existing?.getResponse()).toEqual({ charged: 42 });
    expect(existing?.payloadHash).toBe('hash-1');
    expect(existing?.ownerToken).toBe('token-1');
  });

  it('carries no record when the server returns none', async () => {
    dynamodb.on(PutItemCommand).rejects(refusedWith(undefined));

    const refused = layer.claim({ idempotencyKey: 'orders#abc' }, claimOptions);
    await expect(refused).resolves.toMatchObject({ kind: 'refused' });
    await expect(refused).resolves.toHaveProperty('existingRecord', undefined);
  });

  it('refuses an old item it cannot read with IdempotencyPersistenceConsistencyError', async () => {
    dynamodb.on(PutItemCommand).rejects(refusedWith({ id: { S: 'idempotency#orders' }, sk: { S: 'orders#abc' } }));

    await expect(layer.claim({ idempotencyKey: 'orders#abc' }, claimOptions)).rejects.toBeInstanceOf(
      IdempotencyPersistenceConsistencyError
    );
  });
});

describe('the engine on the ALL_OLD path', () => {
  const layer = new DynamoDBPersistenceLayer({ tableName: 'idempotency', awsSdkV3Client: client });
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' });
  const keyPrefix = 'chargeCard';

  /** The item a first call with this event would have stored, read back from a recording run. */
  async function storedItemOf(event: object, result: unknown) {
    dynamodb.reset();
    dynamodb.on(PutItemCommand).resolves({});
    await makeIdempotent(async (_event: object) => result, { persistenceStore: layer, config, keyPrefix })(event);
    const completion = dynamodb.commandCalls(PutItemCommand)[1];
    dynamodb.reset();
    return completion?.args[0].input.Item;
  }

  it('replays the result from the refused write alone: one request, no read, the function not run', async () => {
    const item = await storedItemOf({ orderId: 'o-1', amount: 10 }, { charged: 10 });
    dynamodb.on(PutItemCommand).rejects(refusedWith(item));
    const chargeCard = jest.fn(async (_event: object) => ({ charged: -1 }));

    await expect(
      makeIdempotent(chargeCard, { persistenceStore: layer, config, keyPrefix })({ orderId: 'o-1', amount: 10 })
    ).resolves.toEqual({
      charged: 10,
    });
    expect(chargeCard).not.toHaveBeenCalled();
    expect(dynamodb.calls()).toHaveLength(1);
  });

  it('refuses a payload that differs from the stored one with IdempotencyValidationError, from the same one request', async () => {
    const item = await storedItemOf({ orderId: 'o-2', amount: 10 }, { charged: 10 });
    dynamodb.on(PutItemCommand).rejects(refusedWith(item));

    const call = makeIdempotent(async (_event: object) => 'ran', { persistenceStore: layer, config, keyPrefix })({
      orderId: 'o-2',
      amount: 99,
    });
    await expect(call).rejects.toBeInstanceOf(IdempotencyValidationError);
    expect(dynamodb.calls()).toHaveLength(1);
  });

  it('reports a live claim as IdempotencyAlreadyInProgressError, with the record', async () => {
    dynamodb.on(PutItemCommand).rejects(
      refusedWith({
        id: { S: 'chargeCard#x' },
        status: { S: 'INPROGRESS' },
        expiration: { N: String(inAnHour()) },
        in_progress_expiration: { N: String(Date.now() + 60_000) },
      })
    );

    const call = makeIdempotent(async (_event: object) => 'ran', { persistenceStore: layer, keyPrefix })({ orderId: 'o-3' });
    await expect(call).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    await expect(call).rejects.toHaveProperty('existingRecord.idempotencyKey', expect.stringMatching(/^chargeCard#/));
  });

  it('without the old item, reads it once with a strongly consistent GetItem', async () => {
    const item = await storedItemOf({ orderId: 'o-4', amount: 10 }, { charged: 10 });
    dynamodb.on(PutItemCommand).rejects(refusedWith(undefined));
    dynamodb.on(GetItemCommand).resolves({ Item: item });

    await expect(
      makeIdempotent(async (_event: object) => 'ran', { persistenceStore: layer, config, keyPrefix })({
        orderId: 'o-4',
        amount: 10,
      })
    ).resolves.toEqual({
      charged: 10,
    });
    const reads = dynamodb.commandCalls(GetItemCommand);
    expect(reads).toHaveLength(1);
    expect(reads[0]?.args[0].input.ConsistentRead).toBe(true);
  });
});
