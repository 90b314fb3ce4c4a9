import { describePersistenceContract } from '@idem/contract';
import { PostgresPersistenceLayer } from '@idem/postgres';
import type { PostgresColumnNames } from '@idem/postgres/types';
import {
  clientKinds,
  layerOnNewTable,
  newTableName,
  type OpenClient,
  openClient,
  storedRow,
  sweepProbe,
  usePostgresDatabase,
} from './support/postgresKit.js';

const database = usePostgresDatabase();

describe.each(clientKinds)('with %s', (kind) => {
  let open: OpenClient | undefined;
  const client = () => {
    open ??= openClient(kind, database());
    return open.client;
  };
  afterAll(() => open?.close());

  // One table per column layout, created on first use: the suite's keys are fresh and random.
  const tables = new Map<string, Promise<string>>();
  const layerWith = async (columns: PostgresColumnNames = {}): Promise<PostgresPersistenceLayer> => {
    const layout = JSON.stringify(columns);
    let table = tables.get(layout);
    if (!table) {
      const tableName = newTableName();
      table = layerOnNewTable(client(), columns, tableName).then(() => tableName);
      tables.set(layout, table);
    }
    return new PostgresPersistenceLayer({ client: client(), tableName: await table, ...columns });
  };

  describePersistenceContract(`PostgresPersistenceLayer through ${kind}`, () => layerWith(), {
    factoryWithAttributes: (attributes) => layerWith(attributes),
    inspectStoredAttributes: (layer, key) => storedRow(database(), layer, key),
    expiryEnforcement: sweepProbe(database),
  });
});
