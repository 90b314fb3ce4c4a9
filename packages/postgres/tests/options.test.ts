import { IdempotencyConfigurationError } from '@idem/core';
import { createTableSql, PostgresPersistenceLayer } from '@idem/postgres';
import type { PostgresClient } from '@idem/postgres/types';
import pg from 'pg';
import postgres from 'postgres';

// Construction only: no statement is sent, so the clients never connect.
const pool = new pg.Pool({ host: '127.0.0.1', port: 1 });
const sql = postgres({ host: '127.0.0.1', port: 1 });
afterAll(async () => {
  await pool.end();
  await sql.end();
});

describe('PostgresPersistenceLayer options', () => {
  it('recognises a node-postgres Pool and a postgres.js sql instance', () => {
    expect(new PostgresPersistenceLayer({ client: pool }).clientKind).toBe('pg');
    expect(new PostgresPersistenceLayer({ client: sql }).clientKind).toBe('postgres.js');
  });

  it.each([
    ['no client', {}, /client is required/],
    ['a client of another kind', { client: { get: () => undefined } }, /client is required/],
    ['an unknown option', { client: pool, table: 'records' }, /table/],
    ['an empty table name', { client: pool, tableName: '' }, /tableName/],
    ['a table name with two dots', { client: pool, tableName: 'a.b.c' }, /more than one dot/],
    ['a table name PostgreSQL would cut', { client: pool, tableName: 'x'.repeat(64) }, /63-byte/],
    ['an empty column name', { client: pool, dataAttr: '' }, /dataAttr/],
    ['two parts in one column', { client: pool, dataAttr: 'status' }, /statusAttr and dataAttr are both "status"/],
  ])('refuses %s, naming it', (_label, options, message) => {
    const make = () => new PostgresPersistenceLayer(options as { client: PostgresClient });
    expect(make).toThrow(IdempotencyConfigurationError);
    expect(make).toThrow(message);
  });

  it('quotes every name, so any name is used exactly as written and none can inject SQL', () => {
    const layer = new PostgresPersistenceLayer({ client: pool, tableName: 'App.Records"; DROP TABLE x; --', keyAttr: 'Key' });
    expect(layer.quotedTableName).toBe('"App"."Records""; DROP TABLE x; --"');
    expect(layer.createTableSql()).toContain('"Key" text COLLATE "C" PRIMARY KEY');
  });

  it('refuses a sweep limit that is not a positive integer', async () => {
    const layer = new PostgresPersistenceLayer({ client: pool });
    await expect(layer.deleteExpired({ limit: 0 })).rejects.toThrow(/limit/);
  });
});

describe('createTableSql', () => {
  it('creates the table with its columns and the expiry index, both only if missing', () => {
    expect(createTableSql()).toBe(`CREATE TABLE IF NOT EXISTS "idempotency_records" (
  "id" text COLLATE "C" PRIMARY KEY,
  "status" text NOT NULL,
  "expiration" bigint NOT NULL,
  "in_progress_expiration" bigint,
  "data" text,
  "validation" text,
  "owner" text
);
CREATE INDEX IF NOT EXISTS "idempotency_records_expiration_idx" ON "idempotency_records" ("expiration");
`);
  });

  it('names a schema-qualified table and its columns as given; a long name gets a hashed index name', () => {
    const text = createTableSql('app.jobs', { expiryAttr: 'expires_at' });
    expect(text).toContain('CREATE TABLE IF NOT EXISTS "app"."jobs"');
    expect(text).toContain('CREATE INDEX IF NOT EXISTS "jobs_expires_at_idx" ON "app"."jobs" ("expires_at")');
    const long = createTableSql('t'.repeat(60));
    const indexName = /CREATE INDEX IF NOT EXISTS "([^"]+)"/.exec(long)?.[1] ?? '';
    expect(Buffer.byteLength(indexName)).toBeLessThanOrEqual(63);
    expect(indexName).not.toBe(/CREATE INDEX IF NOT EXISTS "([^"]+)"/.exec(createTableSql(`${'t'.repeat(59)}u`))?.[1]);
  });
});
