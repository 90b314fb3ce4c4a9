import { withLiterals } from '../sql/SqlStatement.js';
import type { PostgresJsSql } from '../types/PostgresClient.js';
import type { PostgresConnection } from './PostgresConnection.js';

/** A postgres.js `sql` instance: a function with `unsafe`. */
export function isPostgresJsSql(client: unknown): client is PostgresJsSql {
  return typeof client === 'function' && typeof (client as { unsafe?: unknown }).unsafe === 'function';
}

/**
 * postgres.js sends a query that has parameters and is not prepared as Parse, Describe and Flush,
 * waits for the parameter types, then sends Bind, Execute and Sync: two round trips. A prepared one
 * costs one, but lives on the session, which a transaction pooler does not keep. So the values are
 * written into the text as literals and `sql.unsafe(text)` without parameters goes as one simple
 * query: one round trip, nothing prepared. Rows come as arrays (`.values()`), so column
 * transforms (`postgres.camel`) never touch them.
 */
export function postgresJsConnection(sql: PostgresJsSql): PostgresConnection {
  return {
    kind: 'postgres.js',
    async run(statement, values = []) {
      const rows = await sql.unsafe(withLiterals(statement, values)).values();
      return { rows: Array.from(rows) as ArrayLike<unknown>[], rowCount: rows.count ?? 0 };
    },
  };
}
