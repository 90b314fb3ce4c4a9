export { freePort } from './freePort.js';
export { createIdempotencyTable, localDynamoDBConfig, startDynalite } from './dynalite.js';
export type { DynaliteServer, IdempotencyTableLayout } from './dynalite.js';
export { startRedis, startRedisCluster } from './redis.js';
export type { RedisCluster, RedisServer } from './redis.js';
