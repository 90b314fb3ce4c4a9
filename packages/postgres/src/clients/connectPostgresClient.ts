import { IdempotencyConfigurationError } from '@idem/core';
import { isNodePostgresClient, nodePostgresConnection } from './nodePostgresClient.js';
import type { PostgresConnection } from './PostgresConnection.js';
import { isPostgresJsSql, postgresJsConnection } from './postgresJsClient.js';

/**
 * The adapter for a client, told apart by shape rather than `instanceof`, so that neither client
 * library is loaded for users of the other (and duplicated installs of one still match).
 */
export function connectPostgresClient(client: unknown): PostgresConnection {
  if (isPostgresJsSql(client)) return postgresJsConnection(client);
  if (isNodePostgresClient(client)) return nodePostgresConnection(client);
  throw new IdempotencyConfigurationError(
    'client is required: pass a node-postgres Pool, PoolClient or Client, or a postgres.js sql instance'
  );
}
