import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { PostgresPersistenceLayer } from '@idem/postgres';
import { createPostgresDatabase, flushStatisticsSql } from '@idem/test-servers';
import pg from 'pg';
import postgres from 'postgres';
import { chargePayment } from '../fixtures/apiGatewayEvent.js';
import type { ScenarioTarget } from './ScenarioTarget.js';
import type { StartedStore } from './StoreBench.js';

/** A client of one connection on the database, how it flushes its session's statistics, and how to close it. */
interface OpenClient {
  client: pg.Pool | postgres.Sql;
  flushStatistics(): Promise<unknown>;
  close(): Promise<void>;
}

const openers: Record<'pg' | 'postgres.js', (url: string) => OpenClient> = {
  pg(url) {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    return { client: pool, flushStatistics: () => pool.query(flushStatisticsSql), close: () => pool.end() };
  },
  'postgres.js'(url) {
    const sql = postgres(url, { max: 1, prepare: false, onnotice: () => undefined });
    return { client: sql, flushStatistics: () => sql.unsafe(flushStatisticsSql), close: () => sql.end({ timeout: 5 }) };
  },
};

/**
 * PostgreSQL on a database of its own on the machine's server: idem through node-postgres and
 * through postgres.js, each measurement on a new table through a client of one connection. Powertools
 * has no PostgreSQL store, so the store has no throughput comparison, only its statements per call,
 * counted by the server (pg_stat_database: each statement is one implicit transaction).
 */
export async function startPostgresStore(): Promise<StartedStore> {
  const database = await createPostgresDatabase();
  let tables = 0;
  const target = (client: keyof typeof openers): ScenarioTarget => ({
    library: 'idem',
    client,
    async prepare({ useLocalCache }) {
      const open = openers[client](database.url);
      const layer = new PostgresPersistenceLayer({ client: open.client, tableName: `bench_${++tables}` });
      await layer.createTable();
      return {
        handler: makeIdempotent(chargePayment, {
          persistenceStore: layer,
          config: new IdempotencyConfig({ eventKeyJmesPath: 'body', useLocalCache }),
        }),
        close: open.close,
        countOperations: (action) => database.countStatements(open.flushStatistics, action),
      };
    },
  });
  return {
    targets: [target('pg'), target('postgres.js')],
    operation: 'statements',
    stop: () => database.drop(),
  };
}
