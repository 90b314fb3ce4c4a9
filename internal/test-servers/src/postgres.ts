import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own on the machine's PostgreSQL (`PGHOST`, `PGPORT`, `PGUSER`; by default
 * 127.0.0.1:5432 as postgres, trust auth), made for one test file or run and dropped after it, so
 * runs never share state.
 */
export interface PostgresDatabase {
  host: string;
  port: number;
  user: string;
  /** The database's name, `idem_<pid>_<random>`. */
  database: string;
  /** `postgres://user@host:port/database`, for clients that take a URL. */
  url: string;
  /** Runs one statement on the database from a connection of the helper's own; the rows. */
  query<Row extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<Row[]>;
  /**
   * Terminates the other sessions on the database (`pg_terminate_backend`), as a failover or an
   * administrator would; those whose `application_name` is `applicationName`, when given. How many.
   */
  terminateSessions(applicationName?: string): Promise<number>;
  /**
   * Statements the database's sessions ran during `action`, counted by the server:
   * `pg_stat_database`'s committed plus rolled-back transactions, since each statement a client
   * sends on its own is one implicit transaction. A session publishes its counts when it goes
   * idle only after `pg_stat_force_next_flush()`, so `flush` must run `flushStatisticsSql` on the
   * measured session (the one connection of its pool) before and after; that flush is subtracted.
   * Nothing else may use the database meanwhile.
   */
  countStatements(flush: () => Promise<unknown>, action: () => Promise<unknown>): Promise<number>;
  /** Drops the database, ending its sessions, and closes the helper's connections. */
  drop(): Promise<void>;
}

/**
 * Makes the measured session publish its statistics when this statement ends; the scan of
 * pg_namespace gives it pending table counts, without which a flush has nothing to publish and
 * skips the transaction counts too.
 */
export const flushStatisticsSql = 'SELECT pg_stat_force_next_flush() FROM pg_catalog.pg_namespace LIMIT 1';

function serverSettings() {
  return {
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
  };
}

/** Creates a database of its own; fails with the server's error if PostgreSQL is not running. */
export async function createPostgresDatabase(): Promise<PostgresDatabase> {
  const settings = serverSettings();
  const database = `idem_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ ...settings, database: 'postgres', application_name: 'idem-test-servers' });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    throw new Error(
      `PostgreSQL at ${settings.host}:${settings.port} (user ${settings.user}) could not create a test database: ` +
        `${(error as Error).message}. Is it running? (pg_ctlcluster 15 main start)`,
      { cause: error }
    );
  }
  const inside = new pg.Client({ ...settings, database, application_name: 'idem-test-servers' });
  let insideConnected: Promise<unknown> | undefined;
  const connectInside = () => (insideConnected ??= inside.connect());
  const transactions = async (): Promise<number> => {
    const { rows } = await admin.query<{ n: string }>(
      'SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1',
      [database]
    );
    return Number(rows[0]?.n ?? 0);
  };

  return {
    ...settings,
    database,
    url: `postgres://${settings.user}@${settings.host}:${settings.port}/${database}`,
    async query(text, values) {
      await connectInside();
      return (await inside.query(text, values)).rows;
    },
    async terminateSessions(applicationName) {
      const { rows } = await admin.query<{ n: string }>(
        `SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
         WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> 'idem-test-servers'
           AND ($2::text IS NULL OR application_name = $2)`,
        [database, applicationName ?? null]
      );
      return Number(rows[0]?.n ?? 0);
    },
    async countStatements(flush, action) {
      await flush();
      const before = await transactions();
      await action();
      await flush();
      return (await transactions()) - before - 1;
    },
    async drop() {
      await inside.end().catch(() => undefined);
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
