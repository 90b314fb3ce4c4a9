export type { PostgresClientKind } from './clients/PostgresConnection.js';
export { PostgresPersistenceLayer } from './PostgresPersistenceLayer.js';
export { createTableSql } from './table/createTableSql.js';
export type {
  DeleteExpiredOptions,
  NodePostgresClient,
  PostgresClient,
  PostgresColumnNames,
  PostgresJsPendingQuery,
  PostgresJsSql,
  PostgresPersistenceOptions,
} from './types/index.js';
