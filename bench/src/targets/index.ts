import { firstCalls, firstCalls64, localCacheRepeats, repeats, repeats64 } from '../scenarios.js';
import { startDynamoDBStore } from './dynamodb.js';
import { idemMemory, powertoolsMemory } from './memory.js';
import { startPostgresStore } from './postgres.js';
import { startRedisStore, startReplicatedRedisStore } from './redis.js';
import type { StoreBench } from './StoreBench.js';

export type { StoreBench } from './StoreBench.js';

/** Every store, in the order the bench runs them, with the targets of issue 8. */
export const storeBenches: readonly StoreBench[] = [
  {
    store: 'memory',
    start: async () => ({ targets: [idemMemory, powertoolsMemory], stop: async () => undefined }),
    scenarios: [
      { scenario: firstCalls, targetRatio: 5 },
      { scenario: repeats, targetRatio: 5 },
      { scenario: localCacheRepeats, targetRatio: 5 },
    ],
    uniqueCalls: 30_000,
  },
  {
    store: 'redis',
    start: startRedisStore,
    scenarios: [
      { scenario: firstCalls },
      { scenario: repeats, targetRatio: 1.5 },
      { scenario: firstCalls64 },
      { scenario: repeats64, targetRatio: 1.3 },
    ],
    uniqueCalls: 3_000,
  },
  {
    // The cost of replicaAcknowledgements: the same calls on a primary with one replica.
    store: 'redis-replica',
    start: startReplicatedRedisStore,
    scenarios: [{ scenario: firstCalls }, { scenario: repeats }, { scenario: firstCalls64 }, { scenario: repeats64 }],
    uniqueCalls: 3_000,
  },
  {
    store: 'dynamodb',
    start: startDynamoDBStore,
    scenarios: [{ scenario: firstCalls }, { scenario: repeats }],
    uniqueCalls: 300,
  },
  {
    // No Powertools store to compare with: statements per call only.
    store: 'postgres',
    start: startPostgresStore,
    scenarios: [],
    uniqueCalls: 300,
  },
];
