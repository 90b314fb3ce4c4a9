import { CachePersistenceLayer } from '@idem/cache';
import type { CacheClient } from '@idem/cache/types';
import { IdempotencyConfigurationError } from '@idem/core';
import { Redis } from 'ioredis';

const plainClient: CacheClient = {
  get: async () => null,
  set: async () => 'OK',
  del: async (keys) => keys.length,
};

it('a layer without a client is refused with a configuration error that names the option', () => {
  expect(() => new CachePersistenceLayer({ client: undefined as unknown as CacheClient })).toThrow(IdempotencyConfigurationError);
  expect(() => new CachePersistenceLayer({ client: undefined as unknown as CacheClient })).toThrow(/client/);
});

it('a client without get, set and del is refused with a configuration error', () => {
  expect(() => new CachePersistenceLayer({ client: { get: async () => null } as unknown as CacheClient })).toThrow(
    IdempotencyConfigurationError
  );
});

it('storageKeyPrefix is prepended to every Redis key, and defaults to none', () => {
  expect(new CachePersistenceLayer({ client: plainClient }).storageKey('fn#abc')).toBe('fn#abc');
  expect(new CachePersistenceLayer({ client: plainClient, storageKeyPrefix: '{idem}:' }).storageKey('fn#abc')).toBe(
    '{idem}:fn#abc'
  );
});

it('an object of the seed CacheClient shape is used as a plain client, without scripts', () => {
  const layer = new CachePersistenceLayer({ client: plainClient });
  expect(layer.clientKind).toBe('cache-client');
  expect(layer.runsScripts).toBe(false);
});

it("an unknown option fails at construction, naming it: keyPrefix is the wrapper's key scope, not a Redis key prefix", () => {
  expect(() => new CachePersistenceLayer({ client: plainClient, keyPrefix: 'idem:' } as never)).toThrow(
    /^keyPrefix: not an option of CachePersistenceLayer .*storageKeyPrefix/
  );
});

describe('replicaAcknowledgements', () => {
  // Construction only: a client that is never connected is enough to be recognised as ioredis.
  const ioredis = new Redis({ lazyConnect: true });
  afterAll(() => ioredis.disconnect());

  it('is accepted with both values, with either, and empty (1 replica, 1000 ms)', () => {
    for (const replicaAcknowledgements of [{ replicas: 2, timeoutMs: 50 }, { replicas: 1 }, { timeoutMs: 10 }, {}]) {
      expect(() => new CachePersistenceLayer({ client: ioredis, replicaAcknowledgements })).not.toThrow();
    }
  });

  it.each([
    [{ replicas: 0 }, /replicaAcknowledgements\.replicas: expected a whole number of at least 1, got 0/],
    [{ replicas: 1.5 }, /replicas: .* got 1\.5/],
    [{ replicas: '1' }, /replicas: .* got 1/],
    [{ timeoutMs: 0 }, /replicaAcknowledgements\.timeoutMs: expected a whole number of at least 1, got 0/],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, /timeoutMs: .* got Infinity/],
    [{ replica: 1 }, /^replica: not an option of CachePersistenceLayer replicaAcknowledgements; did you mean replicas\?/],
    [2, /replicaAcknowledgements: expected \{ replicas, timeoutMs \}, got 2/],
    [null, /replicaAcknowledgements: expected \{ replicas, timeoutMs \}, got null/],
  ])('%p is refused with a configuration error naming the value', (replicaAcknowledgements, message) => {
    const build = () => new CachePersistenceLayer({ client: ioredis, replicaAcknowledgements: replicaAcknowledgements as never });
    expect(build).toThrow(IdempotencyConfigurationError);
    expect(build).toThrow(message);
  });

  it('is refused for a plain CacheClient, which cannot send WAIT with its writes', () => {
    const build = () => new CachePersistenceLayer({ client: plainClient, replicaAcknowledgements: { replicas: 1 } });
    expect(build).toThrow(IdempotencyConfigurationError);
    expect(build).toThrow(/needs a client that runs scripts .*a plain CacheClient cannot/);
  });
});
