import { PostgresPersistenceLayer } from '@idem/postgres';
import fc from 'fast-check';
import { deleteExpiredStatement } from '../src/sql/recordStatements.js';
import { sqlLiteral, withLiterals } from '../src/sql/SqlStatement.js';
import { resolveTableLayout } from '../src/table/tableLayout.js';
import {
  clientKinds,
  identity,
  layerOnNewTable,
  newTableName,
  storedRow,
  useClient,
  usePostgresDatabase,
} from './support/postgresKit.js';

const database = usePostgresDatabase();
const claimOptions = { expiresAfterSeconds: 60, leaseMs: 10_000 };

describe.each(clientKinds)('the table through %s', (kind) => {
  const open = useClient(kind, database);

  it('createTable is idempotent, also from five layers at once, and works in a schema and with names that need quoting', async () => {
    await database().query('CREATE SCHEMA IF NOT EXISTS "Idem App"');
    const tableName = `Idem App.${newTableName('Records"Q')}`;
    const layers = Array.from(
      { length: 5 },
      () => new PostgresPersistenceLayer({ client: open().client, tableName, keyAttr: 'Key' })
    );
    await Promise.all(layers.map((layer) => layer.createTable()));
    await (layers[0] as PostgresPersistenceLayer).createTable();

    const layer = layers[0] as PostgresPersistenceLayer;
    const outcome = await layer.claim(identity('quoted'), claimOptions);
    expect(outcome.kind).toBe('claimed');
    expect(await storedRow(database(), layer, 'test.fn#quoted', 'Key')).toMatchObject({ status: 'INPROGRESS' });
  });

  it('deleteExpired deletes expired records only, in batches of limit, and leaves rows that are no record', async () => {
    const layer = await layerOnNewTable(open().client);
    const live = await layer.claim(identity('live'), { expiresAfterSeconds: 3600, leaseMs: 10_000 });
    expect(live.kind).toBe('claimed');
    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    await database().query(
      `INSERT INTO ${layer.quotedTableName} (id, status, expiration) SELECT 'old-' || n, 'COMPLETED', $1 FROM generate_series(1, 25) n`,
      [anHourAgo]
    );
    await database().query(`INSERT INTO ${layer.quotedTableName} (id, status, expiration) VALUES ('foreign', 'DONE', $1)`, [
      anHourAgo,
    ]);

    expect(await layer.deleteExpired({ limit: 10 })).toBe(10);
    expect(await layer.deleteExpired({ limit: 10 })).toBe(10);
    expect(await layer.deleteExpired({ limit: 10 })).toBe(5);
    expect(await layer.deleteExpired({ limit: 10 })).toBe(0);
    const left = await database().query<{ id: string }>(`SELECT id FROM ${layer.quotedTableName} ORDER BY id`);
    expect(left.map((row) => row.id)).toEqual(['foreign', 'test.fn#live']);
  });

  it('the sweep finds expired rows through the expiry index, not by reading the table', async () => {
    const tableName = newTableName();
    const layer = await layerOnNewTable(open().client, {}, tableName);
    await database().query(
      `INSERT INTO ${layer.quotedTableName} (id, status, expiration) SELECT 'k-' || n, 'COMPLETED', 4102444800 + n FROM generate_series(1, 20000) n`
    );
    await database().query(`ANALYZE ${layer.quotedTableName}`);
    const sweep = withLiterals(deleteExpiredStatement(resolveTableLayout(tableName)), [1_700_000_000, 1000]);
    const plan = await database().query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sweep}`);
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/Index Scan using "?records_\w+_expiration_idx"?/);
  });

  it('stays bounded under unique keys: swept rows leave space that the next rows reuse', async () => {
    const layer = await layerOnNewTable(open().client);
    const sizes: number[] = [];
    for (let round = 0; round < 3; round++) {
      jest.useFakeTimers({
        doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'],
        now: Date.now(),
      });
      try {
        for (let batch = 0; batch < 5; batch++) {
          await Promise.all(
            Array.from({ length: 100 }, async (_, i) => {
              const outcome = await layer.claim(identity(`${round}-${batch}-${i}`), claimOptions);
              if (outcome.kind === 'claimed') await layer.complete(outcome.claim, { ok: true }, 60);
            })
          );
        }
        jest.setSystemTime(Date.now() + 61_000);
        let deleted = 0;
        for (let swept = -1; swept !== 0; ) {
          swept = await layer.deleteExpired({ limit: 500 });
          deleted += swept;
        }
        expect(deleted).toBe(500);
      } finally {
        jest.useRealTimers();
      }
      await database().query(`VACUUM ${layer.quotedTableName}`);
      const [size] = await database().query<{ bytes: string }>(`SELECT pg_table_size('${layer.quotedTableName}') AS bytes`);
      sizes.push(Number(size?.bytes));
    }
    const rows = await database().query<{ n: number }>(`SELECT count(*)::int AS n FROM ${layer.quotedTableName}`);
    expect(rows[0]?.n).toBe(0);
    // The first round sets the size; later rounds reuse its pages rather than adding their own.
    expect(sizes[2]).toBeLessThanOrEqual((sizes[0] as number) * 1.25);
  });
});

describe('values written as literals (the postgres.js path)', () => {
  const open = useClient('postgres.js', database);

  it('read back exactly, whatever text they hold: quotes, backslashes, dollar signs, comment markers, any Unicode', async () => {
    const sql = open().client as import('postgres').Sql;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary' }).filter((text) => !text.includes('\0')),
        async (text) => {
          const rows = await sql.unsafe(`SELECT ${sqlLiteral(text)}::text AS value`);
          expect(rows[0]?.value).toBe(text);
        }
      ),
      { numRuns: 300, examples: [["'; DROP TABLE x; --"], ['\\'], ["\\'"], ['$1 $$ $tag$'], ['--'], ['/* */']] }
    );
  });

  it('write integers in parentheses, so a negative one never starts a comment, and refuse what is no integer', () => {
    expect(sqlLiteral(-5)).toBe('(-5)');
    expect(() => sqlLiteral(1.5)).toThrow(TypeError);
    expect(() => sqlLiteral('a\0b')).toThrow(TypeError);
  });
});
