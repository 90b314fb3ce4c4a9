import { randomUUID } from 'node:crypto';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { DynamoDBPersistenceLayer } from '@idem/dynamodb';
import { createIdempotencyTable } from '@idem/test-servers';
import { allOldClient, countRequests, layerOnNewTable, layouts, useDynalite } from './support.js';

const server = useDynalite();

/** Runs one wrapped function three times with the same payload and returns the requests of each call. */
async function requestsPerCall(
  layer: DynamoDBPersistenceLayer,
  requests: () => number,
  useLocalCache = false
): Promise<number[]> {
  let runs = 0;
  const chargeCard = makeIdempotent(
    async (order: { id: string }) => {
      runs++;
      return { charged: order.id };
    },
    { persistenceStore: layer, config: new IdempotencyConfig({ useLocalCache }), keyPrefix: 'chargeCard' }
  );
  const counts: number[] = [];
  for (let call = 0; call < 3; call++) {
    const before = requests();
    await expect(chargeCard({ id: 'order-1' })).resolves.toEqual({ charged: 'order-1' });
    counts.push(requests() - before);
  }
  expect(runs).toBe(1);
  return counts;
}

describe.each(layouts)('DynamoDB requests per call, %s', (_name, layout) => {
  it('dynalite (no old item on a refused write): first call 2, each repeat 2 (refused PutItem, then a consistent GetItem)', async () => {
    const { layer, client } = await layerOnNewTable(server(), layout);
    const counter = countRequests(client);
    expect(await requestsPerCall(layer, () => counter.count)).toEqual([2, 2, 2]);
  });

  it('a server that returns the old item (ALL_OLD): first call 2, each repeat 1', async () => {
    const tableName = `idem-${randomUUID()}`;
    await createIdempotencyTable(server().endpoint, { tableName, keyAttr: layout.keyAttr, sortKeyAttr: layout.sortKeyAttr });
    const { client, requests, restore } = allOldClient(server());
    try {
      const layer = new DynamoDBPersistenceLayer({ ...layout, tableName, awsSdkV3Client: client });
      expect(await requestsPerCall(layer, requests)).toEqual([2, 1, 1]);
    } finally {
      restore();
    }
  });

  it('a call whose function throws: 2 (the claim, then the DeleteItem that releases it)', async () => {
    const { layer, client } = await layerOnNewTable(server(), layout);
    const counter = countRequests(client);
    const failing = makeIdempotent(
      async (_order: { id: string }) => {
        throw new Error('card declined');
      },
      { persistenceStore: layer, keyPrefix: 'chargeCard' }
    );

    await expect(failing({ id: 'order-1' })).rejects.toThrow('card declined');
    expect(counter.count).toBe(2);
  });

  it('with the local cache: first call 2, each repeat 0', async () => {
    const { layer, client } = await layerOnNewTable(server(), layout);
    const counter = countRequests(client);
    expect(await requestsPerCall(layer, () => counter.count, true)).toEqual([2, 0, 0]);
  });
});
