export type { NodePostgresClient, PostgresClient, PostgresJsPendingQuery, PostgresJsSql } from './PostgresClient.js';
export type { DeleteExpiredOptions, PostgresColumnNames, PostgresPersistenceOptions } from './PostgresPersistenceOptions.js';
