import { CachePersistenceLayer } from '@idem/cache';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  type IdempotencyEvent,
  IdempotencyUnderReplicatedError,
  makeIdempotent,
} from '@idem/core';
import { CommandMonitor, type RedisCluster, startRedisCluster } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { type ClusterClientKind, type OpenClient, openClusterClient } from './support/clients.js';
import { handlerOver, inspector, uniquePrefix } from './support/layerKit.js';

// Three masters, each with one replica. WAIT counts the replicas of the node it reaches, so it
// must reach the node that ran the script: the one that holds the key's slot.
const clusterKinds: ClusterClientKind[] = ['ioredis-cluster', 'glide-cluster', 'node-redis-cluster'];
const replicaAcknowledgements = { replicas: 1, timeoutMs: 300 };

let cluster: RedisCluster;
let masters: Redis[];

beforeAll(async () => {
  cluster = await startRedisCluster({ replicasPerMaster: 1 });
  masters = await Promise.all(cluster.nodes.map(({ port }) => inspector(port)));
}, 60_000);

afterAll(async () => {
  for (const master of masters ?? []) master.disconnect();
  await cluster?.stop();
});

describe.each(clusterKinds)('through %s, on a cluster whose masters have a replica each', (kind) => {
  let open: OpenClient;

  beforeAll(async () => {
    open = await openClusterClient(kind, cluster.nodes);
  });

  afterAll(async () => {
    await open?.close();
  });

  it("every script's WAIT goes to the master that ran the script, on all three masters, and every write is acknowledged", async () => {
    const keyPrefix = uniquePrefix(`spread-${kind}`);
    const layer = new CachePersistenceLayer({ client: open.client, storageKeyPrefix: `${keyPrefix}:`, replicaAcknowledgements });
    const events: IdempotencyEvent[] = [];
    const charge = makeIdempotent(async (order: { id: number }) => ({ charged: order.id }), {
      persistenceStore: layer,
      keyPrefix: 'charge',
      config: new IdempotencyConfig({ onEvent: (event) => events.push(event) }),
    });
    await charge({ id: -1 }); // every master learns the scripts on first use; count after that
    await Promise.all(Array.from({ length: 12 }, (_, id) => charge({ id: 100 + id })));
    const monitors = await Promise.all(cluster.nodes.map(({ port }) => CommandMonitor.open(port)));
    const perMaster: string[][] = [];
    try {
      const orders = Array.from({ length: 30 }, (_, id) => ({ id }));
      // Each monitor brackets the calls with markers on its own master.
      const watched = monitors.reduce<() => Promise<unknown>>(
        (inner, monitor, index) => async () => {
          perMaster[index] = await monitor.commandsDuring(inner);
        },
        () => Promise.all(orders.map((order) => charge(order)))
      );
      await watched();
    } finally {
      for (const monitor of monitors) monitor.close();
    }
    const counts = perMaster.map((lines) => {
      const names = lines.map(commandName);
      return {
        scripts: names.filter((name) => name === 'EVALSHA').length,
        waits: names.filter((name) => name === 'WAIT').length,
      };
    });
    expect(counts).toHaveLength(3);
    for (const { scripts, waits } of counts) {
      expect(scripts).toBeGreaterThan(0);
      expect(waits).toBe(scripts);
    }
    expect(counts.reduce((sum, { scripts }) => sum + scripts, 0)).toBe(60);
    expect(events.filter((event) => event.type === 'underReplicated' || event.type === 'storeError')).toEqual([]);
  });

  it("a frozen replica fails exactly the claims of its master's keys; keys of the other masters are written and acknowledged", async () => {
    const keyPrefix = uniquePrefix(`frozen-${kind}`);
    const layer = new CachePersistenceLayer({ client: open.client, storageKeyPrefix: `${keyPrefix}:`, replicaAcknowledgements });
    const body = jest.fn(async (order: { id: number }) => ({ charged: order.id }));
    const charge = makeIdempotent(body, { persistenceStore: layer, keyPrefix: 'charge' });
    const frozenMaster = cluster.nodes[0]?.port as number;
    const frozenReplica = cluster.replicas.find(({ masterPort }) => masterPort === frozenMaster)?.port as number;
    const orders = Array.from({ length: 15 }, (_, id) => ({ id }));

    cluster.signal(frozenReplica, 'freeze');
    let outcomes: PromiseSettledResult<unknown>[];
    try {
      outcomes = await Promise.allSettled(orders.map((order) => charge(order)));
    } finally {
      cluster.signal(frozenReplica, 'thaw');
    }

    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThan(orders.length);
    for (const outcome of failed)
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(IdempotencyUnderReplicatedError);
    expect(body).toHaveBeenCalledTimes(orders.length - failed.length);
    const keysPerMaster = await Promise.all(masters.map(async (master) => (await master.keys(`${keyPrefix}:*`)).length));
    // The failed claims were released from the frozen replica's master; the others hold one completed record each.
    expect(keysPerMaster[0]).toBe(0);
    expect((keysPerMaster[1] ?? 0) + (keysPerMaster[2] ?? 0)).toBe(orders.length - failed.length);
  });
});

function commandName(line: string): string {
  return (/\] "([^"]+)"/.exec(line)?.[1] ?? line).toUpperCase();
}

describe('a cluster failover through ioredis-cluster, with replicaAcknowledgements', () => {
  let failing: RedisCluster;

  beforeAll(async () => {
    failing = await startRedisCluster({ replicasPerMaster: 1 });
  }, 60_000);

  afterAll(async () => {
    await failing?.stop();
  });

  it("after the key's master is killed and its replica takes over, a claim is refused as in progress and a result replays", async () => {
    // A hash tag puts both records in one slot, so one master holds them.
    const tag = uniquePrefix('failover');
    const first = await openClusterClient('ioredis-cluster', failing.nodes);
    const layer = new CachePersistenceLayer({ client: first.client, storageKeyPrefix: `{${tag}}:`, replicaAcknowledgements });
    const handler = handlerOver(layer, 'charge');
    const running = await handler.begin({ id: 'running' });
    if (running.kind !== 'claimed') throw new Error('expected a claim');
    const paid = await handler.begin({ id: 'paid' });
    if (paid.kind !== 'claimed') throw new Error('expected a claim');
    await handler.complete(paid.claim, { charged: 'paid' });
    await first.close();

    const holders = await Promise.all(
      failing.nodes.map(async ({ port }) => {
        const node = await inspector(port);
        try {
          return (await node.keys(`{${tag}}:*`)).length;
        } finally {
          node.disconnect();
        }
      })
    );
    const master = failing.nodes[holders.indexOf(2)]?.port as number;
    const replica = failing.replicas.find(({ masterPort }) => masterPort === master)?.port as number;
    failing.signal(master, 'kill');
    const promoted = await inspector(replica);
    try {
      await promoted.call('CLUSTER', 'FAILOVER', 'TAKEOVER');
      await eventually(async () => expect((await promoted.role())[0]).toBe('master'));
    } finally {
      promoted.disconnect();
    }

    const survivors = [...failing.nodes.filter(({ port }) => port !== master), { host: '127.0.0.1', port: replica }];
    const retryClient = await openClusterClient('ioredis-cluster', survivors);
    try {
      const retry = handlerOver(
        new CachePersistenceLayer({ client: retryClient.client, storageKeyPrefix: `{${tag}}:`, replicaAcknowledgements }),
        'charge'
      );
      // The survivors learn the new owner of the slot by gossip, within moments.
      await eventually(() => expect(retry.begin({ id: 'running' })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError));
      await expect(retry.begin({ id: 'paid' })).resolves.toMatchObject({ kind: 'replay', response: { charged: 'paid' } });
    } finally {
      await retryClient.close();
    }
  }, 60_000);
});

/** Retries `check` for up to 10 s while it fails. */
async function eventually(check: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
