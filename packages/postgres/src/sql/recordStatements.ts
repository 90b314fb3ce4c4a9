import type { TableLayout } from '../table/tableLayout.js';
import { param, type SqlStatement, sql } from './SqlStatement.js';

/** The statuses a record is stored with; EXPIRED is never stored, it is read from the expiry. */
const knownStatuses = `('INPROGRESS', 'COMPLETED')`;

/**
 * The columns a record is read from, each as text, in the order `rowRecord` decodes them. As
 * text, so no client's type parsers (a `pg.types` override, a postgres.js `types` option) can
 * change what the layer reads.
 */
function recordColumns(t: TableLayout, qualifier = ''): string {
  return [t.status, t.expiry, t.lease, t.data, t.validation, t.owner].map((column) => `${qualifier}${column}::text`).join(', ');
}

/**
 * True when a new claim may replace the row `row`, at the caller's clock (`nowSeconds`, `nowMs`:
 * one instant, so a test that fakes `Date` moves it too): it is a record this layer can read (a
 * known status and an expiry), and it expired or is a claim whose lease lapsed. The boundaries
 * are IdempotencyRecord's `isClaimable`, so a refusal never returns a row the engine would call
 * claimable. A row that is no record (another status, no expiry) is never claimable: it is
 * refused and never written over. `coalesce` because a comparison with NULL is NULL, which a
 * WHERE reads as false but `NOT` does not turn into true.
 */
function claimable(t: TableLayout, row: string, nowSeconds: number, nowMs: number): SqlStatement {
  return sql`coalesce(${row}.${t.status} IN ${knownStatuses} AND ${row}.${t.expiry} IS NOT NULL AND (${row}.${t.expiry} <= ${param(nowSeconds)}::bigint OR (${row}.${t.status} = 'INPROGRESS' AND ${row}.${t.lease} <= ${param(nowMs)}::bigint)), false)`;
}

/** The values of `claim`, by index. */
export const claimValues = { key: 0, expiry: 1, lease: 2, validation: 3, owner: 4, nowSeconds: 5, nowMs: 6 } as const;

/**
 * The claim, one statement and one round trip. It answers one row: `('claimed', NULLs)` when it
 * wrote the INPROGRESS record, `('held', <the stored record>)` when a live record refused it, or
 * no row at all in the one race explained below (case 2).
 *
 * ```sql
 * WITH stored AS (SELECT ... WHERE key = $key),          -- the row, as of the statement's snapshot
 *      held AS (SELECT ... FROM stored WHERE NOT claimable),
 *      claimed AS (INSERT ... SELECT ... WHERE NOT EXISTS (SELECT 1 FROM held)
 *                  ON CONFLICT (key) DO UPDATE SET ... WHERE claimable(the conflicting row)
 *                  RETURNING 1)
 * SELECT 'claimed', ... FROM claimed UNION ALL SELECT 'held', ... FROM held
 * ```
 *
 * Why this is correct under READ COMMITTED (PostgreSQL's default), case by case. Every part of
 * one statement reads the snapshot taken when the statement starts; `INSERT ... ON CONFLICT DO
 * UPDATE` alone looks past it: it inserts, or it locks the conflicting row as last committed
 * (waiting for a transaction that is writing it) and evaluates its WHERE on that version. Two
 * claims that both write are therefore serialised by the row (or by the unique index, for two
 * inserts): the second sees the first's claim, which is not claimable, and writes nothing.
 *
 * 1. The snapshot holds a row that is not claimable (a repeat, a call in progress, a row that is
 *    no record): `held` is that row and the INSERT proposes nothing, so nothing is locked or
 *    written. The refusal is true at the snapshot, an instant inside this statement: a repeat
 *    costs one round trip and one index lookup, and never writes.
 * 2. The snapshot holds no row, or a claimable one: `held` is empty and the INSERT runs. No
 *    conflict: inserted, `claimed`. A conflict with a claimable row: the row is locked, the WHERE
 *    holds on its newest version, it is replaced, `claimed`. A conflict with a row that is not
 *    claimable in its newest version: nothing is written, and neither `claimed` nor `held` has a
 *    row; this happens only when another transaction inserted or reclaimed the key after this
 *    statement's snapshot, which no part of this statement can read. The layer then reads it
 *    with a second statement; only overlapping first claims of one key pay it. (A `DO UPDATE`
 *    without the WHERE, writing each column back unchanged when the row is not claimable, would
 *    return the row from this statement, but it writes a new row version on every such race and
 *    needs a test of whether the write was a claim or a copy; one more read is simpler.)
 *
 * At most one claim of a live record ever succeeds, and a refusal never overwrites, so neither
 * the race nor the snapshot can run a function twice.
 */
export function claimStatement(t: TableLayout): SqlStatement {
  const v = claimValues;
  const key = param(v.key);
  return sql`WITH stored AS (
  SELECT ${[t.status, t.expiry, t.lease, t.data, t.validation, t.owner].join(', ')} FROM ${t.table} WHERE ${t.key} = ${key}::text
), held AS (
  SELECT * FROM stored WHERE NOT ${claimable(t, 'stored', v.nowSeconds, v.nowMs)}
), claimed AS (
  INSERT INTO ${t.table} AS existing (${t.key}, ${t.status}, ${t.expiry}, ${t.lease}, ${t.validation}, ${t.owner}, ${t.data})
  SELECT ${key}::text, 'INPROGRESS', ${param(v.expiry)}::bigint, ${param(v.lease)}::bigint, ${param(v.validation)}::text, ${param(v.owner)}::text, NULL
  WHERE NOT EXISTS (SELECT 1 FROM held)
  ON CONFLICT (${t.key}) DO UPDATE SET ${t.status} = excluded.${t.status}, ${t.expiry} = excluded.${t.expiry}, ${t.lease} = excluded.${t.lease}, ${t.validation} = excluded.${t.validation}, ${t.owner} = excluded.${t.owner}, ${t.data} = NULL
  WHERE ${claimable(t, 'existing', v.nowSeconds, v.nowMs)}
  RETURNING 1
)
SELECT 'claimed', NULL, NULL, NULL, NULL, NULL, NULL FROM claimed
UNION ALL
SELECT 'held', ${recordColumns(t, 'held.')} FROM held`;
}

/** The stored record of a key, columns as `recordColumns`. Values: key. */
export function getStatement(t: TableLayout): SqlStatement {
  return sql`SELECT ${recordColumns(t)} FROM ${t.table} WHERE ${t.key} = ${param(0)}::text`;
}

/**
 * The condition that the stored row is the claim of the caller holding `owner` (NULL for a
 * record without a token) and a record this layer can read. With the key, it finds the row by
 * the primary key; under READ COMMITTED an UPDATE or DELETE re-evaluates it on the row's newest
 * version once it holds the row's lock, so a claim taken over meanwhile is never written.
 */
function ownedBy(t: TableLayout, owner: number): SqlStatement {
  return sql`${t.owner} IS NOT DISTINCT FROM ${param(owner)}::text AND ${t.status} IN ${knownStatuses}`;
}

/** The values of `complete`, by index. */
export const completeValues = { key: 0, expiry: 1, lease: 2, data: 3, validation: 4, owner: 5 } as const;

/** Writes the COMPLETED record over the caller's claim; touches no row when another call owns the key. */
export function completeStatement(t: TableLayout): SqlStatement {
  const v = completeValues;
  return sql`UPDATE ${t.table} SET ${t.status} = 'COMPLETED', ${t.expiry} = ${param(v.expiry)}::bigint, ${t.lease} = ${param(v.lease)}::bigint, ${t.data} = ${param(v.data)}::text, ${t.validation} = ${param(v.validation)}::text
WHERE ${t.key} = ${param(v.key)}::text AND ${ownedBy(t, v.owner)}`;
}

/** The values of `extend`, by index. */
export const extendValues = { key: 0, lease: 1, owner: 2 } as const;

/** Moves the lease of the caller's claim, while it is still in progress. */
export function extendStatement(t: TableLayout): SqlStatement {
  const v = extendValues;
  return sql`UPDATE ${t.table} SET ${t.lease} = ${param(v.lease)}::bigint
WHERE ${t.key} = ${param(v.key)}::text AND ${ownedBy(t, v.owner)} AND ${t.status} = 'INPROGRESS'`;
}

/** Deletes the caller's claim. Values: key, owner. */
export function releaseStatement(t: TableLayout): SqlStatement {
  return sql`DELETE FROM ${t.table} WHERE ${t.key} = ${param(0)}::text AND ${ownedBy(t, 1)}`;
}

/**
 * Deletes at most `limit` expired records, oldest expiry first, through the expiry index.
 * Values: nowSeconds, limit. The batch is a CTE, which PostgreSQL runs once: a `key IN (SELECT
 * ... LIMIT n)` may be run again for each row the DELETE visits, and each run skips the rows the
 * last one deleted, so it deletes far more than `limit`. `FOR UPDATE SKIP LOCKED` passes over
 * rows that a claim is reclaiming right now and lets several sweeps run at once; a locked row is
 * re-checked on its newest version, so a row reclaimed meanwhile is not deleted. Rows that are no
 * record (another status) are left alone, as every other statement leaves them.
 */
export function deleteExpiredStatement(t: TableLayout): SqlStatement {
  return sql`WITH batch AS (
  SELECT ${t.key} FROM ${t.table}
  WHERE ${t.expiry} <= ${param(0)}::bigint AND ${t.status} IN ${knownStatuses}
  ORDER BY ${t.expiry} LIMIT ${param(1)}::bigint FOR UPDATE SKIP LOCKED
)
DELETE FROM ${t.table} AS expired USING batch WHERE expired.${t.key} = batch.${t.key}`;
}
