// Seed sample "Type-Safe Function Wrapper", imports mapped to @idem/*, on the embedded
// MemoryPersistenceLayer instead of DynamoDBPersistenceLayer (which lives in @idem/dynamodb).

import { MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { ItempotentFunctionOptions } from '@idem/core/types';
import type { Context } from 'aws-lambda';

const persistenceStore = new MemoryPersistenceLayer();

// Type inference works correctly
const lambdaHandler = (event: any, context: Context) => {
  return { statusCode: 200 };
};

// No dataIndexArgument needed for Lambda handlers
export const handler = makeIdempotent(lambdaHandler, { persistenceStore });

// For non-handler functions, dataIndexArgument is available
const processRecord = (record: any, userId: string) => {
  // Process record
};

const processIdempotently = makeIdempotent(processRecord, {
  persistenceStore,
  dataIndexArgument: 1, // TypeScript allows this for non-handlers
});

export type { ItempotentFunctionOptions };
export { lambdaHandler, persistenceStore, processIdempotently, processRecord };
