export { DynamoDBPersistenceLayer } from './DynamoDBPersistenceLayer.js';
export type {
  DynamoDBPersistenceOptions,
  DynamoDBPersistenceOptionsBase,
  DynamoDBPersistenceOptionsWithClientConfig,
  DynamoDBPersistenceOptionsWithClientInstance,
} from './types/index.js';
