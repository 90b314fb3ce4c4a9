import type { PostgresColumnNames } from '../types/PostgresPersistenceOptions.js';
import { resolveTableLayout, type TableLayout } from './tableLayout.js';

/**
 * The SQL that creates the records table and its expiry index if they do not exist: two
 * statements, safe to run again. The key is compared byte by byte (`COLLATE "C"`): keys are
 * hashes, and no locale's rules need to run on every lookup. Times are integers, as the records
 * hold them: the expiry in epoch seconds, the lease in epoch milliseconds. The index on the
 * expiry makes `deleteExpired` (and a pg_cron sweep) a range scan instead of a full scan.
 */
export function createTableSql(tableName?: string, columnNames?: PostgresColumnNames): string {
  return tableDefinition(resolveTableLayout(tableName, columnNames));
}

export function tableDefinition(t: TableLayout): string {
  return `CREATE TABLE IF NOT EXISTS ${t.table} (
  ${t.key} text COLLATE "C" PRIMARY KEY,
  ${t.status} text NOT NULL,
  ${t.expiry} bigint NOT NULL,
  ${t.lease} bigint,
  ${t.data} text,
  ${t.validation} text,
  ${t.owner} text
);
CREATE INDEX IF NOT EXISTS ${t.expiryIndex} ON ${t.table} (${t.expiry});
`;
}
