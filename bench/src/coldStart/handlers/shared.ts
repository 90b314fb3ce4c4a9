import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/** The function every cold-start handler makes idempotent. */
export async function chargePayment(event: APIGatewayProxyEvent, _context: Context): Promise<APIGatewayProxyResult> {
  return {
    statusCode: 201,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ received: event.body?.length ?? 0 }),
  };
}

/** Where the bench's local servers are: the handlers read it as a deployed one reads its settings. */
export const settings = {
  tableName: process.env.IDEMPOTENCY_TABLE ?? 'idempotency',
  dynamoDBEndpoint: process.env.DYNAMODB_ENDPOINT,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6380',
};

/** Client settings for the local DynamoDB: a fixed region and dummy credentials. */
export const dynamoDBClientConfig = {
  endpoint: settings.dynamoDBEndpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
};
