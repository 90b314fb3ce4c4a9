// needs: @idem/dynamodb
// The seed's list of type imports, the part that @idem/dynamodb serves.
import type {
  DynamoDBPersistenceOptions,
  DynamoDBPersistenceOptionsBase,
  DynamoDBPersistenceOptionsWithClientConfig,
  DynamoDBPersistenceOptionsWithClientInstance,
} from '@idem/dynamodb/types';

type Imported = [
  DynamoDBPersistenceOptions,
  DynamoDBPersistenceOptionsBase,
  DynamoDBPersistenceOptionsWithClientConfig,
  DynamoDBPersistenceOptionsWithClientInstance,
];
const importedCount: Imported['length'] = 4;
console.log('dynamodb types', importedCount);
