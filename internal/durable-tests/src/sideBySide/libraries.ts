import { type DurableLambdaHandler, withDurableExecution } from '@aws/durable-execution-sdk-js';
import { makeIdempotent as powertoolsMakeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer as PowertoolsDynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent as powertoolsMakeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { makeIdempotent } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { makeHandlerIdempotent } from '@idem/middy';
import { createIdempotencyTable } from '@idem/test-servers';
import middy from 'middy-newest';
import { executionModeDurableContext } from 'middy-newest/executionModeDurableContext';
import type { DurableOrderHandler } from '../orderWorkflow.js';

/** Where a library keeps its records: its own table on one dynalite. */
export interface SideBySideTable {
  client: DynamoDBClient;
  tableName: string;
}

/** An idempotency library with one of its front ends, as a durable function uses it. */
export interface Library {
  name: string;
  tableName: string;
  build(workflow: DurableOrderHandler, table: SideBySideTable): DurableLambdaHandler;
}

export const libraries: Library[] = [
  {
    name: 'idem `makeIdempotent`',
    tableName: 'idem',
    build: (workflow, { client, tableName }) =>
      withDurableExecution(
        makeIdempotent(workflow, { persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client }) })
      ),
  },
  {
    name: 'idem Middy middleware',
    tableName: 'idem',
    build: (workflow, { client, tableName }) =>
      middy(workflow, { executionMode: executionModeDurableContext }).use(
        makeHandlerIdempotent({
          persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client }),
          keyPrefix: 'middy',
        })
      ) as unknown as DurableLambdaHandler,
  },
  {
    name: 'Powertools `makeIdempotent`',
    tableName: 'powertools',
    build: (workflow, { client, tableName }) =>
      withDurableExecution(
        powertoolsMakeIdempotent(workflow, {
          persistenceStore: new PowertoolsDynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client }),
        })
      ),
  },
  {
    name: 'Powertools Middy middleware',
    tableName: 'powertools',
    build: (workflow, { client, tableName }) =>
      middy(workflow, { executionMode: executionModeDurableContext }).use(
        powertoolsMakeHandlerIdempotent({
          persistenceStore: new PowertoolsDynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client }),
          keyPrefix: 'middy',
        })
      ) as unknown as DurableLambdaHandler,
  },
];

/** Creates the table of every library on a dynalite server. */
export async function createSideBySideTables(endpoint: string): Promise<void> {
  for (const tableName of new Set(libraries.map((library) => library.tableName))) {
    await createIdempotencyTable(endpoint, { tableName });
  }
}
