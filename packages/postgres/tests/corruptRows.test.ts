import { createHash } from 'node:crypto';
import { canonicalJson, IdempotencyConfig, IdempotencyPersistenceConsistencyError, makeIdempotent } from '@idem/core';
import { clientKinds, layerOnNewTable, storedRow, useClient, usePostgresDatabase } from './support/postgresKit.js';

const database = usePostgresDatabase();
const key = `chargeCard#${createHash('md5').update(canonicalJson('o-1')).digest('hex')}`;
const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;
const anHourAgo = () => Math.floor(Date.now() / 1000) - 3600;

/** Rows this layer could not have written: [label, columns, what the error names]. */
const unreadableRows: Array<[string, () => Record<string, unknown>, RegExp]> = [
  ['an unknown status', () => ({ status: 'DONE', expiration: inAnHour() }), /status "DONE"/],
  ['an unknown status past its expiry', () => ({ status: 'DONE', expiration: anHourAgo() }), /status "DONE"/],
  ['no expiry', () => ({ status: 'COMPLETED', expiration: null }), /no expiry/],
  [
    'data that is not JSON',
    () => ({ status: 'COMPLETED', expiration: inAnHour(), data: '{"charged":' }),
    /data is not valid JSON/,
  ],
];

describe.each(clientKinds)('a stored row the layer cannot read, through %s', (kind) => {
  const open = useClient(kind, database);

  it.each(unreadableRows)(
    'with %s stops a wrapped call before the function runs, with a consistency error naming it, and stays as it was',
    async (_label, columns, problem) => {
      const layer = await layerOnNewTable(open().client);
      // A table migrated by hand may allow what the layer's own does not.
      await database().query(`ALTER TABLE ${layer.quotedTableName} ALTER COLUMN expiration DROP NOT NULL`);
      const row = { id: key, owner: 'someone-else', ...columns() };
      const names = Object.keys(row);
      await database().query(
        `INSERT INTO ${layer.quotedTableName} (${names.map((name) => `"${name}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row)
      );
      const before = await storedRow(database(), layer, key);
      const chargeCard = jest.fn(async (_order: { id: string }) => 'charged');
      const call = makeIdempotent(chargeCard, {
        persistenceStore: layer,
        config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }),
        keyPrefix: 'chargeCard',
      });

      await expect(call({ id: 'o-1' })).rejects.toThrow(IdempotencyPersistenceConsistencyError);
      await expect(call({ id: 'o-1' })).rejects.toThrow(problem);
      await expect(layer.fetch(key)).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      expect(await layer.deleteExpired()).toBe(0);
      expect(chargeCard).not.toHaveBeenCalled();
      expect(await storedRow(database(), layer, key)).toEqual(before);
    }
  );
});
