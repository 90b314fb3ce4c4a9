import { withPlaceholders } from '../sql/SqlStatement.js';
import type { NodePostgresClient } from '../types/PostgresClient.js';
import type { PostgresConnection } from './PostgresConnection.js';

/** A node-postgres `Pool`, `PoolClient` or `Client`: an object with `query`. */
export function isNodePostgresClient(client: unknown): client is NodePostgresClient {
  return typeof client === 'object' && client !== null && typeof (client as { query?: unknown }).query === 'function';
}

/**
 * node-postgres sends a query with values as Parse, Bind, Describe, Execute and Sync of the
 * unnamed statement in one write (one round trip, nothing prepared on the session, since the
 * config has no `name`), and one without values as a simple query. Rows come as arrays
 * (`rowMode: 'array'`), so column names never matter.
 */
export function nodePostgresConnection(client: NodePostgresClient): PostgresConnection {
  return {
    kind: 'pg',
    async run(statement, values = []) {
      const text = withPlaceholders(statement);
      const result = await client.query(
        values.length === 0 ? { text, rowMode: 'array' } : { text, values: [...values], rowMode: 'array' }
      );
      return { rows: result.rows ?? [], rowCount: result.rowCount ?? 0 };
    },
  };
}
