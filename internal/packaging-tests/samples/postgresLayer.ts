// needs: @idem/postgres
// The table of @idem/postgres, and the layer over a client recognised by its shape (no server is
// contacted: the client answers every statement with no rows).
import { createTableSql, PostgresPersistenceLayer } from '@idem/postgres';
import type { NodePostgresClient, PostgresPersistenceOptions } from '@idem/postgres/types';

const client: NodePostgresClient = { query: async () => ({ rows: [], rowCount: 0 }) };
const options: PostgresPersistenceOptions = { client, tableName: 'app.idempotency_records' };
const persistenceStore = new PostgresPersistenceLayer(options);
if (persistenceStore.clientKind !== 'pg') throw new Error('the client was not recognised as node-postgres');
if (!createTableSql().startsWith('CREATE TABLE IF NOT EXISTS "idempotency_records"')) throw new Error('unexpected DDL');

async function main(): Promise<void> {
  const missing = await persistenceStore.fetch('fn#absent').then(
    () => 'found',
    (error: Error) => error.name
  );
  if (missing !== 'IdempotencyItemNotFoundError') throw new Error(`fetch of an absent key gave ${missing}`);
  console.log('postgres layer built', persistenceStore.quotedTableName, missing);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
