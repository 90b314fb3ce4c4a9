import type { SqlStatement, SqlValue } from '../sql/SqlStatement.js';

/** Which adapter the layer picked for the client it was given. */
export type PostgresClientKind = 'pg' | 'postgres.js';

/** Rows as arrays of column values, in the statement's column order, and how many rows it touched. */
export interface StatementResult {
  rows: ReadonlyArray<ArrayLike<unknown>>;
  rowCount: number;
}

/**
 * What the layer needs from a client: run one statement in one round trip, in its own implicit
 * transaction, with nothing left on the session (no prepared statement, no setting), so any
 * pooled connection, behind any transaction pooler, can run the next one.
 */
export interface PostgresConnection {
  readonly kind: PostgresClientKind;
  run(statement: SqlStatement, values?: readonly SqlValue[]): Promise<StatementResult>;
}
