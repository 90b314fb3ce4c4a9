import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { canonicalJson, IdempotencyConfig, IdempotencyPersistenceConsistencyError, makeIdempotent } from '@idem/core';
import { layerOnNewTable, useDynalite, writeRawItem } from './support.js';

const server = useDynalite();
const inAnHour = () => ({ N: String(Math.floor(Date.now() / 1000) + 3600) });

const corruptItems: Array<[string, Record<string, AttributeValue>, RegExp]> = [
  ['no status', { expiration: inAnHour() }, /status is missing/],
  ['an unknown status', { status: { S: 'DONE' }, expiration: inAnHour() }, /status is "DONE"/],
  ['a status that is not a string', { status: { N: '1' }, expiration: inAnHour() }, /status is not a string/],
  ['no expiry', { status: { S: 'COMPLETED' } }, /expiration is missing/],
  ['an expiry that is not a number', { status: { S: 'COMPLETED' }, expiration: { S: 'tomorrow' } }, /expiration is not a number/],
  [
    'data that is not valid JSON',
    { status: { S: 'COMPLETED' }, expiration: inAnHour(), data: { S: '{"charged":' } },
    /data is not valid JSON/,
  ],
  ['data stored as a map', { status: { S: 'COMPLETED' }, expiration: inAnHour(), data: { M: {} } }, /data is not a string/],
];

describe('a stored item the layer cannot read', () => {
  it.each(corruptItems)(
    'with %s is refused with IdempotencyPersistenceConsistencyError naming the problem',
    async (_label, attributes, problem) => {
      const { layer, client, tableName } = await layerOnNewTable(server());
      await writeRawItem(client, tableName, { id: { S: 'fn#corrupt' }, ...attributes });

      const read = layer.fetch('fn#corrupt');
      await expect(read).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      await expect(read).rejects.toThrow(problem);
    }
  );

  it('stops a wrapped call on that key before the function runs', async () => {
    const { layer, client, tableName } = await layerOnNewTable(server());
    const key = `chargeCard#${createHash('md5').update(canonicalJson('o-1')).digest('hex')}`;
    await writeRawItem(client, tableName, {
      id: { S: key },
      status: { S: 'COMPLETED' },
      expiration: inAnHour(),
      data: { S: 'not json' },
    });
    const chargeCard = jest.fn(async (_order: { id: string }) => 'charged');
    const call = makeIdempotent(chargeCard, {
      persistenceStore: layer,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }),
      keyPrefix: 'chargeCard',
    })({ id: 'o-1' });

    await expect(call).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
    expect(chargeCard).not.toHaveBeenCalled();
  });
});
