import { randomUUID } from 'node:crypto';
import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsMakeIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer as PowertoolsDynamoDBLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type BasePersistenceLayer, IdempotencyConfig, makeIdempotent } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { createIdempotencyTable, localDynamoDBConfig } from '@idem/test-servers';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { allOldClient } from '../dynamodb/allOldClient.js';
import { startDynaliteProcess } from '../dynamodb/dynaliteProcess.js';
import { countRequests } from '../dynamodb/requestCounter.js';
import { chargePayment, lambdaContext } from '../fixtures/apiGatewayEvent.js';
import { eventsFor, repeats } from '../scenarios.js';
import type { IdempotentHandler, Library, ScenarioTarget } from './ScenarioTarget.js';
import type { OperationCount, StartedStore } from './StoreBench.js';

/** A handler of the library on a DynamoDB table, through the given client. */
export function dynamoDBHandler(
  library: Library,
  client: DynamoDBClient,
  tableName: string,
  useLocalCache: boolean
): IdempotentHandler {
  return library === 'idem'
    ? makeIdempotent(chargePayment, {
        persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: client }) as BasePersistenceLayer,
        config: new IdempotencyConfig({ eventKeyJmesPath: 'body', useLocalCache }),
      })
    : (powertoolsMakeIdempotent(chargePayment, {
        persistenceStore: new PowertoolsDynamoDBLayer({ tableName, awsSdkV3Client: client }),
        config: new PowertoolsConfig({ eventKeyJmesPath: 'body', useLocalCache }),
      }) as IdempotentHandler);
}

/**
 * DynamoDB on dynalite (in memory, in a process of its own): idem's and Powertools' DynamoDBPersistenceLayer,
 * each measurement on a new table (key `id`, the default of both) through a new client.
 */
export async function startDynamoDBStore(): Promise<StartedStore> {
  const server = await startDynaliteProcess();
  const target = (library: Library): ScenarioTarget => ({
    library,
    client: 'AWS SDK v3',
    async prepare({ useLocalCache }) {
      const tableName = `bench-${randomUUID()}`;
      await createIdempotencyTable(server.endpoint, { tableName });
      const client = new DynamoDBClient(localDynamoDBConfig(server.endpoint));
      const counter = countRequests(client);
      return {
        handler: dynamoDBHandler(library, client, tableName, useLocalCache),
        close: async () => client.destroy(),
        async countOperations(action) {
          const before = counter.count;
          await action();
          return counter.count - before;
        },
      };
    },
  });
  return {
    targets: [target('idem'), target('powertools')],
    operation: 'requests',
    extraOperationCounts: () => allOldRepeatCounts(server.endpoint),
    stop: () => server.stop(),
  };
}

/**
 * Requests per repeat where the server returns the refused item with the refusal (DynamoDB with
 * ALL_OLD), counted through a stubbed client forwarding to dynalite, since dynalite does not.
 */
export async function allOldRepeatCounts(endpoint: string): Promise<OperationCount[]> {
  const counts: OperationCount[] = [];
  for (const library of ['idem', 'powertools'] as const) {
    const tableName = `bench-all-old-${randomUUID()}`;
    await createIdempotencyTable(endpoint, { tableName });
    const stub = allOldClient(endpoint);
    try {
      const handler = dynamoDBHandler(library, stub.client, tableName, false);
      const [event] = eventsFor(repeats, 'all-old', 1) as [APIGatewayProxyEvent];
      for (let i = 0; i < 3; i++) await handler(event, lambdaContext);
      const before = stub.requests();
      const counted = 20;
      for (let i = 0; i < counted; i++) await handler(event, lambdaContext);
      counts.push({
        store: 'dynamodb',
        library,
        client: 'AWS SDK v3',
        call: 'repeat, server returns ALL_OLD',
        perCall: (stub.requests() - before) / counted,
        operation: 'requests',
        note: 'dynalite ignores ALL_OLD: counted through a stubbed client that attaches the stored item to a refused PutItem',
      });
    } finally {
      stub.restore();
    }
  }
  return counts;
}
