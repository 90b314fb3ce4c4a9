import { assertKnownOptions, IdempotencyConfigurationError, optionNames } from '@idem/core';
import type { WaitFor } from '../clients/scriptAndWait.js';
import type { ReplicaAcknowledgements } from '../types/ReplicaAcknowledgements.js';

const owner = 'CachePersistenceLayer replicaAcknowledgements';
const names = optionNames<ReplicaAcknowledgements>({ replicas: true, timeoutMs: true });

/**
 * The checked `replicaAcknowledgements` option with its defaults, or undefined when it is not
 * set. `canWait` is whether the client can pipeline a script with WAIT.
 */
export function readReplicaAcknowledgements(value: unknown, canWait: boolean): WaitFor | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IdempotencyConfigurationError(`${owner}: expected { replicas, timeoutMs }, got ${String(value)}`);
  }
  assertKnownOptions(value, names, owner);
  const { replicas = 1, timeoutMs = 1000 } = value as ReplicaAcknowledgements;
  // 0 would make WAIT a no-op for replicas and block forever for timeoutMs.
  for (const [name, number] of [
    ['replicas', replicas],
    ['timeoutMs', timeoutMs],
  ] as const) {
    if (!Number.isSafeInteger(number) || number < 1) {
      throw new IdempotencyConfigurationError(`${owner}.${name}: expected a whole number of at least 1, got ${String(number)}`);
    }
  }
  if (!canWait) {
    throw new IdempotencyConfigurationError(
      `${owner}: needs a client that runs scripts (ioredis, GLIDE, node-redis) to send WAIT with each write; ` +
        'a plain CacheClient cannot'
    );
  }
  return { replicas, timeoutMs };
}
