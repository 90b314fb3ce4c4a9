import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { CachePersistenceLayer } from '@aws-lambda-powertools/idempotency/cache';
import { createClient } from '@redis/client';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { chargePayment, settings } from './shared.js';

const client = createClient({ url: settings.redisUrl });
const connected = client.connect();

const idempotent = makeIdempotent(chargePayment, {
  persistenceStore: new CachePersistenceLayer({ client: client as never }),
  config: new IdempotencyConfig({ eventKeyJmesPath: 'body' }),
});

export async function handler(event: APIGatewayProxyEvent, context: Context) {
  await connected;
  return idempotent(event, context);
}
