import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { createClient } from '@redis/client';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { chargePayment, settings } from './shared.js';

// The same client as Powertools' handler, so the comparison is of the libraries alone.
const client = createClient({ url: settings.redisUrl });
const connected = client.connect();

const idempotent = makeIdempotent(chargePayment, {
  persistenceStore: new CachePersistenceLayer({ client }),
  config: new IdempotencyConfig({ eventKeyJmesPath: 'body' }),
});

export async function handler(event: APIGatewayProxyEvent, context: Context) {
  await connected;
  return idempotent(event, context);
}
