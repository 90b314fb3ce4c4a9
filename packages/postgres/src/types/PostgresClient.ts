/**
 * A node-postgres (`pg`) `Pool`, `PoolClient` or connected `Client`, as the layer uses it: one
 * `query` per statement, with its values as parameters of the unnamed statement (no `name`, so
 * nothing is prepared across calls).
 */
export interface NodePostgresClient {
  query(config: { text: string; values?: unknown[]; rowMode: 'array' }): Promise<{
    rows: unknown[][];
    rowCount: number | null;
  }>;
}

/** The query a postgres.js `sql.unsafe(text)` returns: a promise that `.values()` turns into rows of values. */
export interface PostgresJsPendingQuery {
  values(): PromiseLike<ArrayLike<unknown> & { count: number | null }>;
}

/**
 * A postgres.js `sql` instance (`postgres(url, options)`), as the layer uses it: `sql.unsafe(text)`
 * without parameters, which postgres.js sends as one simple-protocol query (no prepared
 * statement, one round trip; with parameters it would describe the statement first, a second
 * round trip).
 */
export interface PostgresJsSql {
  // biome-ignore lint/suspicious/noExplicitAny: postgres.js' `sql` is also a tagged-template function of any arguments.
  (...args: any[]): unknown;
  unsafe(query: string): PostgresJsPendingQuery;
}

/** Either client the layer recognises. */
export type PostgresClient = NodePostgresClient | PostgresJsSql;
