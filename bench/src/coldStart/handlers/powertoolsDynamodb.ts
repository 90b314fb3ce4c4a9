import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { chargePayment, dynamoDBClientConfig, settings } from './shared.js';

const persistenceStore = new DynamoDBPersistenceLayer({ tableName: settings.tableName, clientConfig: dynamoDBClientConfig });

export const handler = makeIdempotent(chargePayment, {
  persistenceStore,
  config: new IdempotencyConfig({ eventKeyJmesPath: 'body' }),
});
