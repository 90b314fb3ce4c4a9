import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { createIdempotencyTable, localDynamoDBConfig } from '@idem/test-servers';
import type { Context } from 'aws-lambda';
import { useDynalite } from './support.js';

const server = useDynalite();
/** Environment the sample's client reads: the SDK's own endpoint variable points it at dynalite. */
const sampleEnvironment: Record<string, string> = {
  AWS_ENDPOINT_URL_DYNAMODB: '',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_LAMBDA_FUNCTION_NAME: 'orders-api',
};
const savedEnvironment: Record<string, string | undefined> = {};
let sample: typeof import('./samples/typeSafeFunctionWrapper.js');

function lambdaContext(): Context {
  return {
    awsRequestId: 'request-1',
    functionName: 'orders-api',
    getRemainingTimeInMillis: () => 30_000,
  } as Context;
}

async function storedRecords() {
  const client = new DynamoDBClient(localDynamoDBConfig(server().endpoint));
  try {
    const { Items = [] } = await client.send(new ScanCommand({ TableName: 'idempotencyTable', ConsistentRead: true }));
    return Items.map((item) => ({ id: item.id?.S, status: item.status?.S, data: item.data?.S }));
  } finally {
    client.destroy();
  }
}

beforeAll(async () => {
  sampleEnvironment.AWS_ENDPOINT_URL_DYNAMODB = server().endpoint;
  for (const [name, value] of Object.entries(sampleEnvironment)) {
    savedEnvironment[name] = process.env[name];
    process.env[name] = value;
  }
  await createIdempotencyTable(server().endpoint, { tableName: 'idempotencyTable' });
  sample = await import('./samples/typeSafeFunctionWrapper.js');
});
afterAll(() => {
  for (const [name, value] of Object.entries(savedEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("the seed's Type-Safe Function Wrapper sample on dynalite", () => {
  it('runs the Lambda handler once per event and replays its response from the table', async () => {
    const event = { orderId: 'o-1' };
    await expect(sample.handler(event, lambdaContext())).resolves.toEqual({ statusCode: 200 });
    await expect(sample.handler(event, lambdaContext())).resolves.toEqual({ statusCode: 200 });

    const handlerRecords = (await storedRecords()).filter((record) => record.id?.startsWith('orders-api.lambdaHandler#'));
    expect(handlerRecords).toEqual([{ id: expect.any(String), status: 'COMPLETED', data: '{"statusCode":200}' }]);
  });

  it('keys the non-handler function by its second argument (dataIndexArgument: 1)', async () => {
    await expect(sample.processIdempotently({ id: 1 }, 'user-1')).resolves.toBeUndefined();
    await expect(sample.processIdempotently({ id: 2 }, 'user-1')).resolves.toBeUndefined();
    await expect(sample.processIdempotently({ id: 1 }, 'user-2')).resolves.toBeUndefined();

    const recordRecords = (await storedRecords()).filter((record) => record.id?.startsWith('orders-api.processRecord#'));
    expect(recordRecords).toHaveLength(2);
    expect(recordRecords.every((record) => record.status === 'COMPLETED' && record.data === undefined)).toBe(true);
  });
});
