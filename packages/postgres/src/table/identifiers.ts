import { IdempotencyConfigurationError } from '@idem/core';

/** PostgreSQL cuts longer identifiers to this many bytes (NAMEDATALEN - 1), silently. */
export const maxIdentifierBytes = 63;

/**
 * A name as a quoted identifier: used exactly as written, case and all, whatever it holds. A name
 * PostgreSQL would cut or refuse fails here, naming the option, since a cut name could be another
 * table's or column's.
 */
export function quoteIdentifier(name: string, option: string): string {
  if (typeof name !== 'string' || name === '') throw new IdempotencyConfigurationError(`${option} must be a non-empty name`);
  if (name.includes('\0')) throw new IdempotencyConfigurationError(`${option} must not contain the character U+0000`);
  if (Buffer.byteLength(name) > maxIdentifierBytes) {
    throw new IdempotencyConfigurationError(
      `${option}: ${JSON.stringify(name)} is longer than PostgreSQL's ${maxIdentifierBytes}-byte identifiers`
    );
  }
  return `"${name.replace(/"/g, '""')}"`;
}

/** A table name, `table` or `schema.table`, split at its one dot. */
export function splitTableName(tableName: string): { schema?: string; table: string } {
  if (typeof tableName !== 'string' || tableName === '') {
    throw new IdempotencyConfigurationError('tableName must be a non-empty name, optionally schema-qualified');
  }
  const parts = tableName.split('.');
  if (parts.length > 2) {
    throw new IdempotencyConfigurationError(
      `tableName: ${JSON.stringify(tableName)} has more than one dot; write it as table or schema.table`
    );
  }
  return parts.length === 2 ? { schema: parts[0] as string, table: parts[1] as string } : { table: tableName };
}
