import { randomUUID } from 'node:crypto';
import type { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyConfig, IdempotencyEngine } from '@idem/core';
import type { ClaimOutcome, IdempotencyRecord } from '@idem/core/persistence';
import type { IdempotencyConfigOptions } from '@idem/core/types';
import { Redis } from 'ioredis';

/** A unique key prefix per test, so tests sharing a server never see each other's records. */
export function uniquePrefix(label: string): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

/** The state machine of one function over the layer, as the wrappers drive it. */
export function handlerOver(
  layer: CachePersistenceLayer,
  keyPrefix: string,
  options: IdempotencyConfigOptions = {}
): IdempotencyEngine {
  return new IdempotencyEngine({ persistenceStore: layer, config: new IdempotencyConfig(options), keyPrefix });
}

/** A plain ioredis connection for looking at what the server holds, beside the client under test. */
export async function inspector(port: number): Promise<Redis> {
  const redis = new Redis({ host: '127.0.0.1', port, lazyConnect: true });
  await redis.connect();
  return redis;
}

/** Fakes only Date, so sockets and timers keep working against real servers. */
export function fakeDateOnly(): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'clearTimeout',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
}

/** The record of a claim the test expects the store to take; a refusal fails the test. */
export async function claimed(outcome: Promise<ClaimOutcome>): Promise<IdempotencyRecord> {
  const result = await outcome;
  if (result.kind === 'claimed') return result.claim as IdempotencyRecord;
  throw new Error(`the claim was refused over ${JSON.stringify(result.existingRecord)}`);
}
