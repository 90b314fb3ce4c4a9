export { freePort } from './freePort.js';
export { startRedis, startRedisCluster } from './redis.js';
export type { RedisCluster, RedisServer } from './redis.js';
