import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaContext } from './fixtures/apiGatewayEvent.js';
import { eventsFor, firstCalls, localCacheRepeats, repeats, type Scenario } from './scenarios.js';
import type { OperationCount, StartedStore } from './targets/StoreBench.js';

/** Calls counted per kind; a few more go before them, so scripts are loaded and pools open. */
const countedCalls = 20;
const settlingCalls = 3;

const kinds: Array<{ call: string; scenario: Scenario }> = [
  { call: 'first call', scenario: firstCalls },
  { call: 'repeat', scenario: repeats },
  { call: 'local-cache repeat', scenario: localCacheRepeats },
];

/** Store operations per call of each kind, for each target whose store counts them. */
export async function countOperations(store: string, started: StartedStore): Promise<OperationCount[]> {
  const counts: OperationCount[] = [];
  for (const target of started.targets) {
    const library = target.library;
    if (library === 'floor') continue; // it has no store to count
    for (const { call, scenario } of kinds) {
      const prepared = await target.prepare({ useLocalCache: scenario.useLocalCache });
      try {
        if (!prepared.countOperations) break;
        const settle = eventsFor(scenario, 'count-settle', settlingCalls);
        const counted = eventsFor(scenario, 'counted', countedCalls);
        for (const event of settle) await prepared.handler(event, lambdaContext);
        const operations = await prepared.countOperations(async () => {
          for (let i = 0; i < countedCalls; i++) {
            await prepared.handler(counted[i % counted.length] as APIGatewayProxyEvent, lambdaContext);
          }
        });
        counts.push({
          store,
          library,
          client: target.client,
          call,
          perCall: operations / countedCalls,
          operation: started.operation ?? 'operations',
        });
      } finally {
        await prepared.close();
      }
    }
  }
  return counts.concat((await started.extraOperationCounts?.()) ?? []);
}
