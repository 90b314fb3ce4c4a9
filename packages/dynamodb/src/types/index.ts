export type {
  DynamoDBPersistenceOptions,
  DynamoDBPersistenceOptionsBase,
  DynamoDBPersistenceOptionsWithClientConfig,
  DynamoDBPersistenceOptionsWithClientInstance,
} from './DynamoDBPersistence.js';
