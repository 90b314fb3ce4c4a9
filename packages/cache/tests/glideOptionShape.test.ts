import { CachePersistenceLayer } from '@idem/cache';
import type { CacheClient } from '@idem/cache/types';
import { IdempotencyAlreadyInProgressError } from '@idem/core';
import { type RedisServer, startRedis } from '@idem/test-servers';
import { GlideClient } from '@valkey/valkey-glide';
import type { Redis } from 'ioredis';
import { connectCacheClient } from '../src/clients/connectCacheClient.js';
import { handlerOver, inspector, uniquePrefix } from './support/layerKit.js';

// GLIDE reads SET options as `{ expiry, conditionalSet }` and ignores every other shape without
// an error. A layer that hands it node-redis's `{ expiration, condition: 'NX' }` (or ioredis's
// tokens) writes every claim unconditionally and forever: no deduplication, no TTL.

let server: RedisServer;
let redis: Redis;
let glide: GlideClient;

beforeAll(async () => {
  server = await startRedis();
  redis = await inspector(server.port);
  glide = await GlideClient.createClient({ addresses: [{ host: '127.0.0.1', port: server.port }], requestTimeout: 5000 });
});

afterAll(async () => {
  glide?.close();
  redis?.disconnect();
  await server?.stop();
});

it('GLIDE given node-redis SET options writes without NX and without TTL (the failure this package avoids)', async () => {
  const key = uniquePrefix('foreign-shape');
  const nodeRedisShape = { expiration: { type: 'PX', value: 5_000 }, condition: 'NX' };
  const asPlainCacheClient: CacheClient = glide;

  await asPlainCacheClient.set(key, 'first', nodeRedisShape);
  await asPlainCacheClient.set(key, 'second', nodeRedisShape);

  expect(await redis.get(key)).toBe('second');
  expect(await redis.pttl(key)).toBe(-1);
});

it('a GLIDE client is recognised as GLIDE, not used as a plain CacheClient', () => {
  expect(new CachePersistenceLayer({ client: glide }).clientKind).toBe('glide');
});

it('the GLIDE adapter sets with NX and a TTL', async () => {
  const connection = connectCacheClient(glide);
  const key = uniquePrefix('glide-nx');

  expect(await connection.setIfAbsent(key, 'first', 5_000)).toBe(true);
  expect(await connection.setIfAbsent(key, 'second', 5_000)).toBe(false);
  await connection.set(`${key}-plain`, 'value', 5_000);

  expect(await redis.get(key)).toBe('first');
  expect(await redis.pttl(key)).toBeGreaterThan(0);
  expect(await redis.pttl(`${key}-plain`)).toBeGreaterThan(0);
});

it('through GLIDE a second call with the same payload while the first runs is refused, and the claim has a TTL', async () => {
  const layer = new CachePersistenceLayer({ client: glide });
  const handler = handlerOver(layer, uniquePrefix('glide-dedup'));

  const first = await handler.begin({ orderId: 7 });
  expect(first.kind).toBe('claimed');
  await expect(handler.begin({ orderId: 7 })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);

  if (first.kind !== 'claimed') throw new Error('expected a claim');
  expect(await redis.pttl(layer.storageKey(first.claim.idempotencyKey))).toBeGreaterThan(0);
  await handler.complete(first.claim, { shipped: true });
  expect(await redis.pttl(layer.storageKey(first.claim.idempotencyKey))).toBeGreaterThan(0);
  await expect(handler.begin({ orderId: 7 })).resolves.toMatchObject({ kind: 'replay', response: { shipped: true } });
});
