import { firstCalls, firstCalls64, localCacheRepeats, repeats, repeats64 } from '../scenarios.js';
import { startDynamoDBStore } from './dynamodb.js';
import { floorMemory } from './floor.js';
import { idemMemory, powertoolsMemory } from './memory.js';
import { startPostgresStore } from './postgres.js';
import { startRedisStore, startReplicatedRedisStore } from './redis.js';
import type { StoreBench } from './StoreBench.js';

export type { StoreBench } from './StoreBench.js';

/**
 * Every store, in the order the bench runs them, with the targets of issue 8 and, for first
 * calls, of issue 20 (the memory store beside its floor; Redis through ioredis).
 */
export const storeBenches: readonly StoreBench[] = [
  {
    store: 'memory',
    start: async () => ({ targets: [idemMemory, powertoolsMemory, floorMemory], stop: async () => undefined }),
    scenarios: [
      { scenario: firstCalls, targetRatio: 3 },
      { scenario: repeats, targetRatio: 4 },
      { scenario: localCacheRepeats, targetRatio: 4 },
    ],
    // Steady state: a warm-up long enough for the JIT and the old generation to settle, and a
    // timed run long enough that its first thousands of calls do not decide the figure.
    uniqueWarmupCalls: 20_000,
    uniqueCalls: 100_000,
  },
  {
    store: 'redis',
    start: startRedisStore,
    scenarios: [
      { scenario: firstCalls, targetRatio: 1, targetClients: ['ioredis'] },
      { scenario: repeats, targetRatio: 1.5 },
      { scenario: firstCalls64, targetRatio: 1, targetClients: ['ioredis'] },
      { scenario: repeats64, targetRatio: 1.3 },
    ],
    uniqueWarmupCalls: 2_000,
    uniqueCalls: 10_000,
  },
  {
    // The cost of replicaAcknowledgements: the same calls on a primary with one replica.
    store: 'redis-replica',
    start: startReplicatedRedisStore,
    scenarios: [{ scenario: firstCalls }, { scenario: repeats }, { scenario: firstCalls64 }, { scenario: repeats64 }],
    uniqueWarmupCalls: 1_000,
    uniqueCalls: 3_000,
  },
  {
    store: 'dynamodb',
    start: startDynamoDBStore,
    scenarios: [{ scenario: firstCalls }, { scenario: repeats }],
    uniqueWarmupCalls: 300,
    uniqueCalls: 300,
  },
  {
    // No Powertools store to compare with: statements per call only.
    store: 'postgres',
    start: startPostgresStore,
    scenarios: [],
    uniqueWarmupCalls: 300,
    uniqueCalls: 300,
  },
];
