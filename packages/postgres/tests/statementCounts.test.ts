import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import type { PostgresPersistenceLayer } from '@idem/postgres';
import { clientKinds, layerOnNewTable, type OpenClient, openClient, usePostgresDatabase } from './support/postgresKit.js';

// Counted by the server: the statements (implicit transactions) the database's sessions ran,
// from pg_stat_database (see countStatements in @idem/test-servers). Each is one round trip: the
// layer awaits every statement, and both clients send a statement in one write (pg: the unnamed
// statement's Parse/Bind/Execute/Sync; postgres.js: one simple query).
const database = usePostgresDatabase();

describe.each(clientKinds)('statements per call through %s, counted by the server', (kind) => {
  let open: OpenClient;
  let layer: PostgresPersistenceLayer;
  beforeAll(async () => {
    // One connection, so the statistics flush runs on the session that ran the calls.
    open = openClient(kind, database(), { max: 1 });
    layer = await layerOnNewTable(open.client);
  });
  afterAll(() => open.close());

  /** Calls one wrapped function three times with one payload; the statements of each call. */
  async function statementsPerCall(useLocalCache: boolean): Promise<number[]> {
    let runs = 0;
    const chargeCard = makeIdempotent(
      async (order: { id: string }) => {
        runs++;
        return { charged: order.id };
      },
      { persistenceStore: layer, config: new IdempotencyConfig({ useLocalCache }), keyPrefix: `charge-${useLocalCache}` }
    );
    const counts: number[] = [];
    for (let call = 0; call < 3; call++) {
      counts.push(
        await database().countStatements(open.flushStatistics, () =>
          expect(chargeCard({ id: 'o-1' })).resolves.toEqual({ charged: 'o-1' })
        )
      );
    }
    expect(runs).toBe(1);
    return counts;
  }

  it('first call 2 (the claim, the completion), each repeat 1 (the refused claim returns the record)', async () => {
    expect(await statementsPerCall(false)).toEqual([2, 1, 1]);
  });

  it('with the local cache: first call 2, each repeat 0', async () => {
    expect(await statementsPerCall(true)).toEqual([2, 0, 0]);
  });

  it('a call whose function throws: 2 (the claim, then the delete that releases it)', async () => {
    const failing = makeIdempotent(
      async (_order: { id: string }) => {
        throw new Error('card declined');
      },
      { persistenceStore: layer, keyPrefix: 'failing' }
    );
    const count = await database().countStatements(open.flushStatistics, () =>
      expect(failing({ id: 'o-1' })).rejects.toThrow('card declined')
    );
    expect(count).toBe(2);
  });

  it('prepares no statement on the session, so a transaction pooler can hand the next one to any connection', async () => {
    // postgres.js prepares its own type query when it connects, unless given prepare: false (as a pooler needs).
    const query = `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement LIKE '%' || $1 || '%'`;
    const table = layer.quotedTableName;
    const rows = (await (kind === 'pg'
      ? (open.client as import('pg').Pool).query(query, [table]).then((result) => result.rows)
      : (open.client as import('postgres').Sql).unsafe(query, [table]))) as Array<{ n: number }>;
    expect(rows[0]?.n).toBe(0);
  });
});
