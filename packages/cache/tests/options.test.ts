import { CachePersistenceLayer } from '@idem/cache';
import type { CacheClient } from '@idem/cache/types';
import { IdempotencyConfigurationError } from '@idem/core';

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
