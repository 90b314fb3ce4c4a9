import type { BasePersistenceAttributes } from '@idem/core/types';
import type { PostgresClient } from './PostgresClient.js';

/** The column names of the records table; the attribute-name options of the other stores, as columns. */
export interface PostgresColumnNames extends BasePersistenceAttributes {
  /**
   * Column of the idempotency key, the table's primary key.
   * @default 'id'
   */
  keyAttr?: string;
  /**
   * Column of the random token of the call that claimed the record, so that only that call
   * completes, renews or deletes it. Not in Powertools: as `ownerAttr` of `@idem/dynamodb`.
   * @default 'owner'
   */
  ownerAttr?: string;
}

/** Options of PostgresPersistenceLayer. */
export interface PostgresPersistenceOptions extends PostgresColumnNames {
  /**
   * The client (required): a node-postgres `Pool`, `PoolClient` or connected `Client`, or a
   * postgres.js `sql` instance. The layer never connects or closes it, and keeps no session
   * state on it, so it works through PgBouncer in transaction mode and RDS Proxy.
   */
  client: PostgresClient;
  /**
   * The table of the records, optionally schema-qualified (`'app.idempotency_records'`). Each
   * part is quoted as an identifier, so it is used exactly as written, case included.
   * @default 'idempotency_records'
   */
  tableName?: string;
}

/** Options of `deleteExpired`. */
export interface DeleteExpiredOptions {
  /**
   * The most rows one call deletes, in one statement: a batch. Call again while it returns `limit`.
   * @default 1000
   */
  limit?: number;
}
