export { freePort } from './freePort.js';
export { createIdempotencyTable, localDynamoDBConfig, startDynalite } from './dynalite.js';
export type { DynaliteServer, IdempotencyTableLayout } from './dynalite.js';
