// The seed's "Type-Safe Function Wrapper" sample, with its imports mapped to @idem/*. The last
// line is added so the test can call the second wrapped function.

import { makeIdempotent } from '@idem/core';
import type { ItempotentFunctionOptions } from '@idem/core/types';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import type { Context } from 'aws-lambda';

const persistenceStore = new DynamoDBPersistenceLayer({
  tableName: 'idempotencyTable',
});
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

export { type ItempotentFunctionOptions, processIdempotently };
