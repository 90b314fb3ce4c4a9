import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyPersistenceConsistencyError } from '@idem/core';
import { type RedisServer, startRedis } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { clientKinds, type OpenClient, openClient } from './support/clients.js';
import { handlerOver, inspector, uniquePrefix } from './support/layerKit.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = await inspector(server.port);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

const unreadableValues: Array<[string, string]> = [
  ['a foreign string', 'session:42'],
  ['a JSON value of another shape', '{"status":"COMPLETED","data":"x"}'],
  ['another format version', '["idem",2,"C",9999999999,null,null,null]'],
  ['a truncated header', '["idem",1,"C",99999'],
  ['an unknown status', '["idem",1,"X",9999999999,null,null,null]'],
  ['an unknown status past its expiry', '["idem",1,"X",1,null,null,null]'],
  ['no expiry', '["idem",1,"C",null,null,null,null]'],
  ['a non-numeric expiry', '["idem",1,"C","soon",null,null,null]'],
  ['a response that is not JSON', '["idem",1,"C",9999999999,null,null,null]\n{"broken":'],
];

describe.each(clientKinds)('with a %s client', (kind) => {
  let open: OpenClient;
  let layer: CachePersistenceLayer;

  beforeAll(async () => {
    open = await openClient(kind, server.port);
    layer = new CachePersistenceLayer({ client: open.client, storageKeyPrefix: 'corrupt:' });
  });

  afterAll(async () => {
    await open?.close();
  });

  it.each(unreadableValues)(
    'a call whose key holds %s fails with a consistency error and leaves the value as it was',
    async (_, value) => {
      const handler = handlerOver(layer, uniquePrefix(`corrupt-${kind}`));
      const first = await handler.begin({ id: 1 });
      if (first.kind !== 'claimed') throw new Error('expected a claim');
      const key = layer.storageKey(first.claim.idempotencyKey);
      await redis.set(key, value);

      await expect(handler.begin({ id: 1 })).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      await expect(layer.fetch(first.claim.idempotencyKey)).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      await expect(layer.complete(first.claim, 'result', 60)).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      await layer.release(first.claim);

      expect(await redis.get(key)).toBe(value);
    }
  );

  it('a key that holds another Redis type fails with a consistency error, not a crash', async () => {
    const handler = handlerOver(layer, uniquePrefix(`wrongtype-${kind}`));
    const first = await handler.begin({ id: 2 });
    if (first.kind !== 'claimed') throw new Error('expected a claim');
    const key = layer.storageKey(first.claim.idempotencyKey);
    await redis.del(key);
    await redis.hset(key, 'field', 'value');

    await expect(handler.begin({ id: 2 })).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
    expect(await redis.hget(key, 'field')).toBe('value');
  });
});
