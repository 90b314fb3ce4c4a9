import type { RedisClientType, RedisClusterType } from '@redis/client';
import type { GlideClient, GlideClusterClient } from '@valkey/valkey-glide';
import type { Cluster, Redis } from 'ioredis';
import type { CacheClient } from '../types/CacheClient.js';
import { bareCacheConnection } from './bareCacheClient.js';
import type { CacheConnection } from './CacheConnection.js';
import { glideConnection, isGlideClient } from './glideClient.js';
import { ioredisConnection, isIoredisClient } from './ioredisClient.js';
import { isNodeRedisClient, nodeRedisConnection } from './nodeRedisClient.js';

/**
 * The adapter for a client, told apart by shape rather than `instanceof`, so that no client
 * library is loaded for users of another (and duplicated installs of one still match).
 */
export function connectCacheClient(client: CacheClient): CacheConnection {
  if (isGlideClient(client)) return glideConnection(client as unknown as GlideClient | GlideClusterClient);
  if (isIoredisClient(client)) return ioredisConnection(client as unknown as Redis | Cluster);
  if (isNodeRedisClient(client)) return nodeRedisConnection(client as unknown as RedisClientType | RedisClusterType);
  return bareCacheConnection(client);
}
