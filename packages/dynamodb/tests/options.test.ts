import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { IdempotencyConfigurationError } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import type { DynamoDBPersistenceOptions } from '@idem/dynamodb/types';
import { mockClient } from 'aws-sdk-client-mock';
import { claimed } from './support.js';

const client = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const dynamodb = mockClient(client);
const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };

beforeEach(() => {
  dynamodb.reset();
  dynamodb.on(PutItemCommand).resolves({});
});
afterAll(() => dynamodb.restore());

async function keyOfClaim(layer: DynamoDBPersistenceLayer) {
  await claimed(layer.claim({ idempotencyKey: 'fn#abc' }, claimOptions));
  const item = dynamodb.commandCalls(PutItemCommand)[0]?.args[0].input.Item ?? {};
  return Object.fromEntries(Object.entries(item).filter(([name]) => ['id', 'pk', 'sk'].includes(name)));
}

describe('DynamoDBPersistenceLayer options', () => {
  it('refuses an empty tableName at construction, naming the option', () => {
    expect(() => new DynamoDBPersistenceLayer({ tableName: '' })).toThrow(IdempotencyConfigurationError);
    expect(() => new DynamoDBPersistenceLayer({ tableName: '' })).toThrow(/tableName/);
  });

  it('keys a simple-key table by the idempotency key under `id` by default', async () => {
    const layer = new DynamoDBPersistenceLayer({ tableName: 't', awsSdkV3Client: client });
    expect(await keyOfClaim(layer)).toEqual({ id: { S: 'fn#abc' } });
  });

  it('keys a composite-key table by the static partition value and the idempotency key as sort key', async () => {
    const layer = new DynamoDBPersistenceLayer({
      tableName: 't',
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      staticPkValue: 'idem',
      awsSdkV3Client: client,
    });
    expect(await keyOfClaim(layer)).toEqual({ pk: { S: 'idem' }, sk: { S: 'fn#abc' } });
  });

  it('defaults the static partition value to idempotency#<Lambda function name>, as Powertools does', async () => {
    const previous = process.env.AWS_LAMBDA_FUNCTION_NAME;
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-api';
    try {
      const layer = new DynamoDBPersistenceLayer({ tableName: 't', sortKeyAttr: 'sk', awsSdkV3Client: client });
      expect(await keyOfClaim(layer)).toEqual({ id: { S: 'idempotency#orders-api' }, sk: { S: 'fn#abc' } });
    } finally {
      if (previous === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = previous;
    }
  });

  it('refuses staticPkValue without sortKeyAttr, since a simple-key table would ignore it', () => {
    expect(() => new DynamoDBPersistenceLayer({ tableName: 't', staticPkValue: 'idem' })).toThrow(/staticPkValue/);
  });

  it('refuses two parts of a record under one attribute, naming both options', () => {
    expect(() => new DynamoDBPersistenceLayer({ tableName: 't', sortKeyAttr: 'id' })).toThrow(/keyAttr and sortKeyAttr/);
    expect(() => new DynamoDBPersistenceLayer({ tableName: 't', dataAttr: 'status' })).toThrow(/statusAttr and dataAttr/);
  });

  it('refuses an empty attribute name, naming the option', () => {
    expect(() => new DynamoDBPersistenceLayer({ tableName: 't', ownerAttr: '' })).toThrow(/ownerAttr/);
  });

  it('refuses an unknown option, naming it and the option it most likely meant', () => {
    expect(() => new DynamoDBPersistenceLayer({ tableName: 't', sortKeyAtr: 'sk' } as never)).toThrow(
      /^sortKeyAtr: not an option of DynamoDBPersistenceLayer; did you mean sortKeyAttr\?/
    );
  });

  it('refuses clientConfig and awsSdkV3Client together, for callers the types cannot stop', () => {
    const both = { tableName: 't', clientConfig: {}, awsSdkV3Client: client } as unknown as DynamoDBPersistenceOptions;
    expect(() => new DynamoDBPersistenceLayer(both)).toThrow(/clientConfig and awsSdkV3Client/);
  });

  it('uses the given client as it is', async () => {
    const layer = new DynamoDBPersistenceLayer({ tableName: 't', awsSdkV3Client: client });
    await claimed(layer.claim({ idempotencyKey: 'fn#abc' }, claimOptions));
    expect(dynamodb.commandCalls(PutItemCommand)).toHaveLength(1);
  });

  it('makes its own client from clientConfig', () => {
    expect(() => new DynamoDBPersistenceLayer({ tableName: 't', clientConfig: { region: 'eu-west-1' } })).not.toThrow();
  });
});

describe('DynamoDBPersistenceOptions types', () => {
  it('accept clientConfig or awsSdkV3Client, and reject both at compile time', () => {
    const withConfig: DynamoDBPersistenceOptions = { tableName: 't', clientConfig: { region: 'eu-west-1' } };
    const withClient: DynamoDBPersistenceOptions = { tableName: 't', awsSdkV3Client: client };
    // @ts-expect-error clientConfig and awsSdkV3Client are exclusive
    const withBoth: DynamoDBPersistenceOptions = { tableName: 't', clientConfig: {}, awsSdkV3Client: client };
    // @ts-expect-error tableName is required
    const withoutTable: DynamoDBPersistenceOptions = {};
    expect([withConfig, withClient, withBoth, withoutTable]).toHaveLength(4);
  });
});
