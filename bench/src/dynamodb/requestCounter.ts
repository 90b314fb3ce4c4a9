import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** Counts every HTTP request the client sends, retries included, from SDK middleware. */
export function countRequests(client: DynamoDBClient): { readonly count: number } {
  const counter = { count: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      counter.count++;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'benchRequestCounter' }
  );
  return counter;
}
