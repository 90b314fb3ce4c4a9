import { describePersistenceContract } from '@idem/contract';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { PostgresPersistenceLayer } from '@idem/postgres';
import type { PostgresClient } from '@idem/postgres/types';
import { type PgBouncer, startPgBouncer } from '@idem/test-servers';
import pg from 'pg';
import postgres from 'postgres';
import { clientKinds, newTableName, storedRow, sweepProbe, usePostgresDatabase } from './support/postgresKit.js';

// Through PgBouncer 1.18 in transaction mode, with fewer server connections than client
// connections: consecutive statements of one client land on different server sessions, and a
// prepared statement of one session is missing on the next.
const database = usePostgresDatabase();
let bouncer: PgBouncer | undefined;
beforeAll(async () => {
  bouncer = await startPgBouncer(database(), { serverConnections: 2 });
});
afterAll(() => bouncer?.stop());

function clientThroughBouncer(kind: (typeof clientKinds)[number]): { client: PostgresClient; close(): Promise<void> } {
  const url = (bouncer as PgBouncer).url;
  if (kind === 'pg') {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    pool.on('error', () => undefined);
    return { client: pool, close: () => pool.end() };
  }
  // postgres.js prepares its own type query on connect unless told not to, as a pooler needs.
  const sql = postgres(url, { max: 8, prepare: false, onnotice: () => undefined });
  return { client: sql, close: () => sql.end({ timeout: 5 }) };
}

it('breaks a client that relies on a prepared statement, so the tests below could fail', async () => {
  const pool = new pg.Pool({ connectionString: (bouncer as PgBouncer).url, max: 8 });
  pool.on('error', () => undefined);
  try {
    const named = () => pool.query({ name: 'idem-probe', text: 'SELECT $1::int AS n', values: [1] });
    const attempts = await Promise.allSettled(Array.from({ length: 16 }, named));
    expect(attempts.some((attempt) => attempt.status === 'rejected')).toBe(true);
  } finally {
    await pool.end();
  }
});

describe.each(clientKinds)('through PgBouncer in transaction mode, with %s', (kind) => {
  let open: { client: PostgresClient; close(): Promise<void> } | undefined;
  const client = () => {
    open ??= clientThroughBouncer(kind);
    return open.client;
  };
  afterAll(() => open?.close());
  let table: Promise<string> | undefined;
  const layer = async () => {
    // The suite calls the factory once at registration, before beforeAll has started PgBouncer:
    // that attempt fails, and is not kept.
    if (!bouncer) throw new Error('PgBouncer has not started yet');
    table ??= (async () => {
      const tableName = newTableName();
      await new PostgresPersistenceLayer({ client: client(), tableName }).createTable();
      return tableName;
    })().catch((error: unknown) => {
      table = undefined;
      throw error;
    });
    return new PostgresPersistenceLayer({ client: client(), tableName: await table });
  };

  it('runs each of 8 keys once under 200 concurrent calls, and replays every result', async () => {
    const persistenceStore = await layer();
    const runs = new Map<string, number>();
    const order = makeIdempotent(
      async (payload: { orderId: string }) => {
        runs.set(payload.orderId, (runs.get(payload.orderId) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { orderId: payload.orderId };
      },
      { persistenceStore, keyPrefix: `bouncer-${kind}`, config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: 30 }) }
    );
    const keys = Array.from({ length: 8 }, (_, i) => `order-${i}`);
    const calls = Array.from({ length: 200 }, (_, i) =>
      order({ orderId: keys[i % keys.length] as string }).catch((error: Error) => error.name)
    );
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((outcome) => typeof outcome === 'string' && outcome !== 'IdempotencyAlreadyInProgressError')).toEqual(
      []
    );
    for (const key of keys) await expect(order({ orderId: key })).resolves.toEqual({ orderId: key });
    expect(Object.fromEntries(runs)).toEqual(Object.fromEntries(keys.map((key) => [key, 1])));
  });

  describePersistenceContract(`PostgresPersistenceLayer through PgBouncer and ${kind}`, layer, {
    inspectStoredAttributes: (target, key) => storedRow(database(), target, key),
    expiryEnforcement: sweepProbe(database),
  });
});
