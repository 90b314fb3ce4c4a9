import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyAlreadyInProgressError, makeIdempotent } from '@idem/core';
import { type RedisCluster, startRedisCluster } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { type ClusterClientKind, type OpenClient, openClusterClient } from './support/clients.js';
import { handlerOver, inspector, uniquePrefix } from './support/layerKit.js';

const clusterKinds: Array<[ClusterClientKind, string]> = [
  ['ioredis-cluster', 'ioredis'],
  ['glide-cluster', 'glide'],
  ['node-redis-cluster', 'node-redis'],
];

let cluster: RedisCluster;
/** One plain connection per master, to see which node holds which keys. */
let masters: Redis[];

beforeAll(async () => {
  cluster = await startRedisCluster();
  masters = await Promise.all(cluster.nodes.map(({ port }) => inspector(port)));
}, 60_000);

afterAll(async () => {
  for (const master of masters ?? []) master.disconnect();
  await cluster?.stop();
});

/** How many keys starting with `prefix` each master holds. */
async function keysPerMaster(prefix: string): Promise<number[]> {
  return Promise.all(masters.map(async (master) => (await master.keys(`${prefix}*`)).length));
}

describe.each(clusterKinds)('through %s', (kind, expectedKind) => {
  let open: OpenClient;

  beforeAll(async () => {
    open = await openClusterClient(kind, cluster.nodes);
  });

  afterAll(async () => {
    await open?.close();
  });

  it('is recognised as its client kind', () => {
    expect(new CachePersistenceLayer({ client: open.client }).clientKind).toBe(expectedKind);
  });

  it('records spread over all three masters, and each call runs once and then replays', async () => {
    const keyPrefix = uniquePrefix(`spread-${kind}`);
    const layer = new CachePersistenceLayer({ client: open.client, storageKeyPrefix: `${keyPrefix}:` });
    const body = jest.fn(async (order: { id: number }) => ({ charged: order.id }));
    const charge = makeIdempotent(body, { persistenceStore: layer, keyPrefix: 'charge' });
    const orders = Array.from({ length: 30 }, (_, id) => ({ id }));

    const firsts = await Promise.all(orders.map((order) => charge(order)));
    const repeats = await Promise.all(orders.map((order) => charge(order)));

    expect(firsts).toEqual(orders.map(({ id }) => ({ charged: id })));
    expect(repeats).toEqual(firsts);
    expect(body).toHaveBeenCalledTimes(orders.length);
    const perMaster = await keysPerMaster(keyPrefix);
    expect(perMaster.reduce((sum, count) => sum + count, 0)).toBe(orders.length);
    expect(perMaster.every((count) => count > 0)).toBe(true);
  });

  it('a second call while the first runs is refused, and a released claim frees its key on whichever master holds it', async () => {
    const layer = new CachePersistenceLayer({ client: open.client });
    const handler = handlerOver(layer, uniquePrefix(`states-${kind}`));
    const payloads = Array.from({ length: 12 }, (_, id) => ({ id }));

    for (const payload of payloads) {
      const first = await handler.begin(payload);
      if (first.kind !== 'claimed') throw new Error('expected a claim');
      await expect(handler.begin(payload)).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
      await handler.release(first.claim);
      const again = await handler.begin(payload);
      if (again.kind !== 'claimed') throw new Error('expected the released key to be claimed again');
      await handler.complete(again.claim, { done: payload.id });
      await expect(handler.begin(payload)).resolves.toMatchObject({ kind: 'replay', response: { done: payload.id } });
    }
  });

  it('a hash-tag key prefix puts every record on one master', async () => {
    const tag = uniquePrefix(`tag-${kind}`);
    const layer = new CachePersistenceLayer({ client: open.client, storageKeyPrefix: `{${tag}}:` });
    const charge = makeIdempotent(async (order: { id: number }) => order.id, { persistenceStore: layer, keyPrefix: 'charge' });

    await Promise.all(Array.from({ length: 10 }, (_, id) => charge({ id })));

    const perMaster = await keysPerMaster(`{${tag}}:`);
    expect(perMaster.filter((count) => count > 0)).toEqual([10]);
  });
});
