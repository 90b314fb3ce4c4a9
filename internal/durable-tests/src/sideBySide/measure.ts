import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { localDynamoDBConfig, startDynalite } from '@idem/test-servers';
import { setupDurableTestEnvironment, teardownDurableTestEnvironment } from '../durableRun.js';
import { createSideBySideTables, libraries } from './libraries.js';
import { restartOrderNumbers, sideBySideScenarios } from './scenarios.js';
import type { SideBySideResults } from './table.js';

/** Runs every scenario for every library; the caller has set up the runner's environment and the tables. */
export async function runSideBySide(client: DynamoDBClient): Promise<SideBySideResults> {
  restartOrderNumbers();
  const results: SideBySideResults = [];
  for (const scenario of sideBySideScenarios) {
    const outcomes: string[] = [];
    for (const library of libraries) {
      outcomes.push(await scenario.run(library, { client, tableName: library.tableName }));
    }
    results.push({ scenario: scenario.name, outcomes });
  }
  return results;
}

/**
 * Starts dynalite with the libraries' tables and the runner's environment, runs every scenario
 * for every library, and stops both.
 */
export async function measureSideBySide(): Promise<SideBySideResults> {
  const table = await startDynamoDBTables();
  await setupDurableTestEnvironment();
  try {
    return await runSideBySide(table.client);
  } finally {
    await teardownDurableTestEnvironment();
    await table.stop();
  }
}

async function startDynamoDBTables() {
  const server = await startDynalite();
  await createSideBySideTables(server.endpoint);
  const client = new DynamoDBClient(localDynamoDBConfig(server.endpoint));
  return {
    client,
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}
