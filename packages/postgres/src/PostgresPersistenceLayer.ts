import {
  assertKnownOptions,
  BasePersistenceLayer,
  IdempotencyConfigurationError,
  IdempotencyPersistenceLayerError,
} from '@idem/core';
import { type ClaimRefusal, claimLostError, type IdempotencyRecord, recordNotFoundError } from '@idem/core/persistence';
import { connectPostgresClient } from './clients/connectPostgresClient.js';
import type { PostgresClientKind, PostgresConnection } from './clients/PostgresConnection.js';
import { rowRecord } from './record/rowRecord.js';
import {
  claimStatement,
  claimValues,
  completeStatement,
  completeValues,
  deleteExpiredStatement,
  extendStatement,
  extendValues,
  getStatement,
  releaseStatement,
} from './sql/recordStatements.js';
import type { SqlStatement, SqlValue } from './sql/SqlStatement.js';
import { tableDefinition } from './table/createTableSql.js';
import { postgresOptionNames, resolveTableLayout, type TableLayout } from './table/tableLayout.js';
import type { DeleteExpiredOptions, PostgresPersistenceOptions } from './types/PostgresPersistenceOptions.js';

/** Rows one `deleteExpired` call deletes unless told otherwise. */
const defaultSweepLimit = 1000;

/**
 * Idempotency records in a PostgreSQL table, one row per key (see `createTableSql`).
 *
 * A claim is one statement that takes the key or returns the row that holds it (see
 * `claimStatement` for the SQL and why it is correct under READ COMMITTED), so a repeated call
 * costs one round trip; completion, renewal and release are each one statement conditional on
 * the claim's owner token. Expiry is judged from the stored times at the caller's clock: an
 * expired row is replaced by the claim that needs its key, and `deleteExpired` sweeps the rest.
 * Each statement is its own implicit transaction with nothing kept on the session, so any
 * pooled connection, through PgBouncer in transaction mode or RDS Proxy, runs any of them.
 */
export class PostgresPersistenceLayer extends BasePersistenceLayer {
  private readonly connection: PostgresConnection;
  private readonly layout: TableLayout;
  private readonly statements: Record<'claim' | 'get' | 'complete' | 'extend' | 'release' | 'deleteExpired', SqlStatement>;

  constructor(options: PostgresPersistenceOptions) {
    super();
    assertKnownOptions(options, postgresOptionNames, 'PostgresPersistenceLayer');
    this.connection = connectPostgresClient(options?.client);
    this.layout = resolveTableLayout(options.tableName, options);
    this.statements = {
      claim: claimStatement(this.layout),
      get: getStatement(this.layout),
      complete: completeStatement(this.layout),
      extend: extendStatement(this.layout),
      release: releaseStatement(this.layout),
      deleteExpired: deleteExpiredStatement(this.layout),
    };
  }

  /** Which adapter the client was recognised as: 'pg' (node-postgres) or 'postgres.js'. */
  public get clientKind(): PostgresClientKind {
    return this.connection.kind;
  }

  /** The table, as written into the SQL: quoted, schema-qualified if it was given so. */
  public get quotedTableName(): string {
    return this.layout.table;
  }

  /** The SQL that `createTable` runs, for a migration tool: `createTableSql` with this layer's names. */
  public createTableSql(): string {
    return tableDefinition(this.layout);
  }

  /**
   * Creates the table and its expiry index if they do not exist (one round trip); safe to run on
   * every cold start. The schema of a schema-qualified name must exist.
   */
  public async createTable(): Promise<void> {
    await this.maintenance('create the idempotency table', async () => {
      // Sessions creating the same table at once: all but one lose on the catalog's unique index
      // (for the table's row type, the table, then its index), although what they were creating
      // now exists. Again, IF NOT EXISTS sees it; each round settles at least one of the objects.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.connection.run({ pieces: [this.createTableSql()], slots: [] });
          return;
        } catch (error) {
          if (!isConcurrentCreation(error) || attempt === maxCreateAttempts) throw error;
        }
      }
    });
  }

  /**
   * Deletes up to `limit` expired records (default 1000) in one statement, oldest first, and
   * returns how many it deleted: one batch of a scheduled sweep, which calls it again while it
   * returns `limit`. Claims reclaim expired rows of their own keys without it; the sweep bounds
   * the table when keys do not repeat.
   */
  public async deleteExpired(options: DeleteExpiredOptions = {}): Promise<number> {
    const limit = options.limit ?? defaultSweepLimit;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new IdempotencyConfigurationError(`limit: expected a positive integer, got ${String(limit)}`);
    }
    const nowSeconds = Math.floor(Date.now() / 1000);
    return this.maintenance('delete expired idempotency records', async () => {
      const { rowCount } = await this.connection.run(this.statements.deleteExpired, [nowSeconds, limit]);
      return rowCount;
    });
  }

  protected override async _claimRecord(record: IdempotencyRecord): Promise<ClaimRefusal | undefined> {
    const nowMs = Date.now();
    const values: SqlValue[] = [];
    values[claimValues.key] = record.idempotencyKey;
    values[claimValues.expiry] = expiryOf(record);
    values[claimValues.lease] = integerOrNull(record.inProgressExpiryTimestamp);
    values[claimValues.validation] = record.payloadHash ?? null;
    values[claimValues.owner] = record.ownerToken ?? null;
    values[claimValues.nowSeconds] = Math.floor(nowMs / 1000);
    values[claimValues.nowMs] = nowMs;
    const { rows } = await this.connection.run(this.statements.claim, values);
    const row = rows[0];
    if (row?.[0] === 'claimed') return undefined;
    if (row) return { existingRecord: rowRecord(record.idempotencyKey, row, 1) };
    // Refused by a row committed after the statement's snapshot, which the statement cannot read
    // (see claimStatement): one more statement reads it. Gone again: the engine claims again.
    return { existingRecord: await this.readRecord(record.idempotencyKey) };
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    const record = await this.readRecord(idempotencyKey);
    if (!record) throw recordNotFoundError(idempotencyKey);
    return record;
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    const values: SqlValue[] = [];
    values[completeValues.key] = record.idempotencyKey;
    values[completeValues.expiry] = expiryOf(record);
    values[completeValues.lease] = integerOrNull(record.inProgressExpiryTimestamp);
    values[completeValues.data] = record.responseData === undefined ? null : JSON.stringify(record.responseData);
    values[completeValues.validation] = record.payloadHash ?? null;
    values[completeValues.owner] = record.ownerToken ?? null;
    const { rowCount } = await this.connection.run(this.statements.complete, values);
    if (rowCount === 0) throw claimLostError(record);
  }

  protected override async _extendRecord(record: IdempotencyRecord): Promise<void> {
    const values: SqlValue[] = [];
    values[extendValues.key] = record.idempotencyKey;
    values[extendValues.lease] = integerOrNull(record.inProgressExpiryTimestamp);
    values[extendValues.owner] = record.ownerToken ?? null;
    const { rowCount } = await this.connection.run(this.statements.extend, values);
    if (rowCount === 0) throw claimLostError(record);
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    // Another call's record, or none: nothing to delete, as the store API asks.
    await this.connection.run(this.statements.release, [record.idempotencyKey, record.ownerToken ?? null]);
  }

  private async readRecord(idempotencyKey: string): Promise<IdempotencyRecord | undefined> {
    const { rows } = await this.connection.run(this.statements.get, [idempotencyKey]);
    const row = rows[0];
    return row && rowRecord(idempotencyKey, row);
  }

  /** Runs a statement outside the store API; a failure leaves as `IdempotencyPersistenceLayerError`, with its cause. */
  private async maintenance<T>(action: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw new IdempotencyPersistenceLayerError(`Failed to ${action}: ${(error as Error)?.message ?? String(error)}`, {
        cause: error,
      });
    }
  }
}

function expiryOf(record: IdempotencyRecord): number {
  if (record.expiryTimestamp === undefined) {
    throw new IdempotencyConfigurationError(`The record of key ${record.idempotencyKey} has no expiryTimestamp`);
  }
  return Math.ceil(record.expiryTimestamp);
}

/** Times are stored as integers; a fractional millisecond rounds up, so a lease never ends early. */
function integerOrNull(value: number | undefined): number | null {
  return value === undefined ? null : Math.ceil(value);
}

/** unique_violation (on the catalog) or duplicate_table: another session created it first. */
/** Tries of `createTable` before a lost race is an error: it has two statements, each of which one round settles. */
const maxCreateAttempts = 4;

/** unique_violation on a catalog, duplicate_table, duplicate_object (the table's row type). */
function isConcurrentCreation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === '42P07' || code === '42710';
}
