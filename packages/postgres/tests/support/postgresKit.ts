import { randomUUID } from 'node:crypto';
import type { ExpiryEnforcementProbe } from '@idem/contract';
import type { ClaimOutcome, IdempotencyRecord } from '@idem/core/persistence';
import { PostgresPersistenceLayer } from '@idem/postgres';
import type { PostgresClient, PostgresColumnNames } from '@idem/postgres/types';
import { createPostgresDatabase, flushStatisticsSql, type PostgresDatabase } from '@idem/test-servers';
import pg from 'pg';
import postgres from 'postgres';

/** The two clients every test runs with. */
export const clientKinds = ['pg', 'postgres.js'] as const;
export type ClientKind = (typeof clientKinds)[number];

/** A database of the test file's own, made before its tests and dropped after them. */
export function usePostgresDatabase(): () => PostgresDatabase {
  let database: PostgresDatabase | undefined;
  beforeAll(async () => {
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return () => {
    if (!database) throw new Error('the test database is not created');
    return database;
  };
}

/** A client of one kind on the database, how to close it, and how to flush its session's statistics. */
export interface OpenClient {
  kind: ClientKind;
  client: PostgresClient;
  /** Runs `flushStatisticsSql` through the client (on its one connection when `max` is 1). */
  flushStatistics(): Promise<unknown>;
  close(): Promise<void>;
}

/** Options of `openClient`. */
export interface OpenClientOptions {
  /** Connections in the pool. @default 10 */
  max?: number;
  /** `application_name` of its sessions, so a test can terminate them. @default 'idem-test' */
  applicationName?: string;
}

/** A pg `Pool` or a postgres.js `sql` on the database; connection errors of idle sessions are swallowed, as an app would log them. */
export function openClient(kind: ClientKind, database: PostgresDatabase, options: OpenClientOptions = {}): OpenClient {
  const max = options.max ?? 10;
  const applicationName = options.applicationName ?? 'idem-test';
  if (kind === 'pg') {
    const pool = new pg.Pool({
      host: database.host,
      port: database.port,
      user: database.user,
      database: database.database,
      max,
      application_name: applicationName,
    });
    // A session terminated while idle is an 'error' event of the pool; unheard, it would end the process.
    pool.on('error', () => undefined);
    return { kind, client: pool, flushStatistics: () => pool.query(flushStatisticsSql), close: () => pool.end() };
  }
  const sql = postgres({
    host: database.host,
    port: database.port,
    user: database.user,
    database: database.database,
    max,
    connection: { application_name: applicationName },
    onnotice: () => undefined,
  });
  return { kind, client: sql, flushStatistics: () => sql.unsafe(flushStatisticsSql), close: () => sql.end({ timeout: 5 }) };
}

/** A client of one kind opened before the enclosing block's tests and closed after them. */
export function useClient(kind: ClientKind, database: () => PostgresDatabase, options: OpenClientOptions = {}): () => OpenClient {
  let open: OpenClient | undefined;
  beforeAll(() => {
    open = openClient(kind, database(), options);
  });
  afterAll(() => open?.close());
  return () => {
    if (!open) throw new Error('the client is not open');
    return open;
  };
}

/** A fresh table name, unquoted. */
export function newTableName(prefix = 'records'): string {
  return `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

/** A layer on a table of its own, created. */
export async function layerOnNewTable(
  client: PostgresClient,
  columns: PostgresColumnNames = {},
  tableName = newTableName()
): Promise<PostgresPersistenceLayer> {
  const layer = new PostgresPersistenceLayer({ client, tableName, ...columns });
  await layer.createTable();
  return layer;
}

/** The stored row of a key, column name to value, NULL columns left out; undefined when there is none. */
export async function storedRow(
  database: PostgresDatabase,
  layer: PostgresPersistenceLayer,
  key: string,
  keyColumn = 'id'
): Promise<Record<string, unknown> | undefined> {
  const rows = await database.query<{ row: Record<string, unknown> }>(
    `SELECT to_jsonb(r) AS row FROM ${layer.quotedTableName} r WHERE r."${keyColumn}" = $1`,
    [key]
  );
  const row = rows[0]?.row;
  return row && Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
}

/** A request identity as the engine derives it. */
export function identity(suffix: string = randomUUID(), payloadHash?: string) {
  return { idempotencyKey: `test.fn#${suffix}`, payloadHash };
}

/** The record of a claim the test expects the store to take; a refusal fails the test. */
export async function claimed(outcome: Promise<ClaimOutcome>): Promise<IdempotencyRecord> {
  const result = await outcome;
  if (result.kind === 'claimed') return result.claim as IdempotencyRecord;
  throw new Error(`the claim was refused over ${JSON.stringify(result.existingRecord)}`);
}

/**
 * The contract suite's view of expiry: rows go when the claim of their key replaces them, or when
 * a sweep deletes them, so the probe runs the sweep a scheduled job would run, at the suite's clock.
 */
export function sweepProbe(database: () => PostgresDatabase): ExpiryEnforcementProbe<PostgresPersistenceLayer> {
  return {
    kind: 'reclaim',
    isStored: async (layer, key) => {
      await layer.deleteExpired();
      return (await storedRow(database(), layer, key)) !== undefined;
    },
  };
}

/** Waits until a session named `applicationName` waits on a lock: its statement is in flight on the server. */
export async function untilWaitingOnLock(database: PostgresDatabase, applicationName: string): Promise<void> {
  for (let waited = 0; ; waited += 10) {
    const rows = await database.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'`, [
      applicationName,
    ]);
    if (rows.length > 0) return;
    if (waited > 5_000) throw new Error(`no session ${applicationName} waited on a lock within 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
