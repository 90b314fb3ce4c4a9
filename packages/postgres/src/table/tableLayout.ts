import { createHash } from 'node:crypto';
import { IdempotencyConfigurationError, optionNames, persistenceAttributeDefaults } from '@idem/core';
import type { PostgresColumnNames, PostgresPersistenceOptions } from '../types/PostgresPersistenceOptions.js';
import { maxIdentifierBytes, quoteIdentifier, splitTableName } from './identifiers.js';

/** Defaults of the options that are this package's own. */
export const postgresDefaults = {
  tableName: 'idempotency_records',
  keyAttr: 'id',
  ownerAttr: 'owner',
} as const;

/** Every option name of PostgresPersistenceOptions, for the check of unknown options. */
export const postgresOptionNames = optionNames<PostgresPersistenceOptions>({
  client: true,
  tableName: true,
  keyAttr: true,
  expiryAttr: true,
  inProgressExpiryAttr: true,
  statusAttr: true,
  dataAttr: true,
  validationKeyAttr: true,
  ownerAttr: true,
});

const columnOptions = [
  'keyAttr',
  'expiryAttr',
  'inProgressExpiryAttr',
  'statusAttr',
  'dataAttr',
  'validationKeyAttr',
  'ownerAttr',
] as const;

/** Where each part of a record lives, every name quoted and ready to write into SQL. */
export interface TableLayout {
  /** The table, schema-qualified if it was given so: `"app"."idempotency_records"`. */
  table: string;
  /** The expiry index, unqualified: it lives in the table's schema. */
  expiryIndex: string;
  key: string;
  expiry: string;
  lease: string;
  status: string;
  data: string;
  validation: string;
  owner: string;
}

/**
 * Applies the defaults and refuses names that would lose records silently: an empty or cut
 * name, or two parts of a record in one column.
 */
export function resolveTableLayout(tableName: string = postgresDefaults.tableName, names: PostgresColumnNames = {}): TableLayout {
  const { schema, table } = splitTableName(tableName);
  const quotedTable = quoteIdentifier(table, 'tableName');
  const columns = {
    keyAttr: names.keyAttr ?? postgresDefaults.keyAttr,
    expiryAttr: names.expiryAttr ?? persistenceAttributeDefaults.expiryAttr,
    inProgressExpiryAttr: names.inProgressExpiryAttr ?? persistenceAttributeDefaults.inProgressExpiryAttr,
    statusAttr: names.statusAttr ?? persistenceAttributeDefaults.statusAttr,
    dataAttr: names.dataAttr ?? persistenceAttributeDefaults.dataAttr,
    validationKeyAttr: names.validationKeyAttr ?? persistenceAttributeDefaults.validationKeyAttr,
    ownerAttr: names.ownerAttr ?? postgresDefaults.ownerAttr,
  };
  const optionOfName = new Map<string, string>();
  for (const option of columnOptions) {
    const name = columns[option];
    quoteIdentifier(name, option);
    const taken = optionOfName.get(name);
    if (taken) {
      throw new IdempotencyConfigurationError(
        `${taken} and ${option} are both ${JSON.stringify(name)}: each part of a record needs its own column`
      );
    }
    optionOfName.set(name, option);
  }
  return {
    table: schema === undefined ? quotedTable : `${quoteIdentifier(schema, 'tableName (schema)')}.${quotedTable}`,
    expiryIndex: quoteIdentifier(expiryIndexName(table, columns.expiryAttr), 'tableName'),
    key: quoteIdentifier(columns.keyAttr, 'keyAttr'),
    expiry: quoteIdentifier(columns.expiryAttr, 'expiryAttr'),
    lease: quoteIdentifier(columns.inProgressExpiryAttr, 'inProgressExpiryAttr'),
    status: quoteIdentifier(columns.statusAttr, 'statusAttr'),
    data: quoteIdentifier(columns.dataAttr, 'dataAttr'),
    validation: quoteIdentifier(columns.validationKeyAttr, 'validationKeyAttr'),
    owner: quoteIdentifier(columns.ownerAttr, 'ownerAttr'),
  };
}

/**
 * `<table>_<expiry column>_idx`, as PostgreSQL would name it; too long a name ends in a hash of
 * the whole instead of being cut, so two long table names never share one index name (which
 * `CREATE INDEX IF NOT EXISTS` would take for the index existing).
 */
function expiryIndexName(table: string, expiryColumn: string): string {
  const name = `${table}_${expiryColumn}_idx`;
  if (Buffer.byteLength(name) <= maxIdentifierBytes) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12);
  let prefix = name;
  while (Buffer.byteLength(`${prefix}_${hash}`) > maxIdentifierBytes) prefix = prefix.slice(0, -1);
  return `${prefix}_${hash}`;
}
