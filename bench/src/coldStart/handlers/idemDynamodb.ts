import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { chargePayment, dynamoDBClientConfig, settings } from './shared.js';

const persistenceStore = new DynamoDBPersistenceLayer({ tableName: settings.tableName, clientConfig: dynamoDBClientConfig });

export const handler = makeIdempotent(chargePayment, {
  persistenceStore,
  config: new IdempotencyConfig({ eventKeyJmesPath: 'body' }),
});
