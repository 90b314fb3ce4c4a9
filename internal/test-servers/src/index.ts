export { CommandMonitor } from './commandMonitor.js';
export type { DynaliteServer, IdempotencyTableLayout } from './dynalite.js';
export { createIdempotencyTable, localDynamoDBConfig, startDynalite } from './dynalite.js';
export type { FaultProxy, FaultProxyOptions } from './faultProxy.js';
export { startFaultProxy } from './faultProxy.js';
export { freePort } from './freePort.js';
export type { RedisCluster, RedisServer, RedisServerOptions } from './redis.js';
export { startRedis, startRedisCluster } from './redis.js';
