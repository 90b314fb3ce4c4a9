import { CachePersistenceLayer } from '@idem/cache';
import type { ReplicaAcknowledgements } from '@idem/cache/types';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  type IdempotencyEvent,
  IdempotencyUnderReplicatedError,
  makeIdempotent,
} from '@idem/core';
import { type ReplicatedRedis, startReplicatedRedis } from '@idem/test-servers';
import { GlideClient } from '@valkey/valkey-glide';
import { type ClientKind, type OpenClient, openClient } from './support/clients.js';
import { handlerOver, inspector, uniquePrefix } from './support/layerKit.js';

// A primary and a replica started per test; the failover kills the primary and promotes the
// replica (REPLICAOF NO ONE). Holding replication back keeps a write off the replica for certain
// (the bytes wait in a proxy between the two, see @idem/test-servers' startReplicatedRedis).
const acknowledgements: ReplicaAcknowledgements = { replicas: 1, timeoutMs: 400 };
const scriptedKinds: Array<Exclude<ClientKind, 'cache-client'>> = ['ioredis', 'glide', 'node-redis'];

/** As the other tests open clients, except that GLIDE keeps its default request timeout (250 ms), shorter than the WAIT. */
async function open(kind: ClientKind, port: number): Promise<OpenClient> {
  if (kind !== 'glide') return openClient(kind, port);
  const glide = await GlideClient.createClient({ addresses: [{ host: '127.0.0.1', port }] });
  return { client: glide, close: async () => glide.close() };
}

describe.each(scriptedKinds)('a failover through %s', (kind) => {
  let servers: ReplicatedRedis;
  const opened: OpenClient[] = [];

  beforeEach(async () => {
    servers = await startReplicatedRedis();
  });

  afterEach(async () => {
    for (const client of opened.splice(0)) await client.close().catch(() => undefined);
    await servers.stop();
  });

  async function layerOn(port: number, replicaAcknowledgements?: ReplicaAcknowledgements): Promise<CachePersistenceLayer> {
    const client = await open(kind, port);
    opened.push(client);
    return new CachePersistenceLayer({ client: client.client, replicaAcknowledgements });
  }

  it('with replicaAcknowledgements, a claim survives: the retry against the promoted replica is refused as in progress', async () => {
    const keyPrefix = uniquePrefix('claim-kept');
    const first = handlerOver(await layerOn(servers.primary.port, acknowledgements), keyPrefix);
    await expect(first.begin({ id: 1 })).resolves.toMatchObject({ kind: 'claimed' });

    await servers.failover();

    const retry = handlerOver(await layerOn(servers.replica.port, acknowledgements), keyPrefix);
    await expect(retry.begin({ id: 1 })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
  });

  it('without it, a claim held back from the replica is lost: the retry against the promoted replica claims the key again', async () => {
    const keyPrefix = uniquePrefix('claim-lost');
    const first = handlerOver(await layerOn(servers.primary.port), keyPrefix);
    servers.holdReplication();
    await expect(first.begin({ id: 1 })).resolves.toMatchObject({ kind: 'claimed' });

    await servers.failover();

    const retry = handlerOver(await layerOn(servers.replica.port), keyPrefix);
    // The function would run a second time while the first call still runs it.
    await expect(retry.begin({ id: 1 })).resolves.toMatchObject({ kind: 'claimed' });
  });

  it('with it, a claim the replica does not acknowledge fails naming the shortfall, never runs, and is released', async () => {
    const layer = await layerOn(servers.primary.port, acknowledgements);
    const events: IdempotencyEvent[] = [];
    const body = jest.fn(async (order: { id: number }) => order.id);
    const charge = makeIdempotent(body, {
      persistenceStore: layer,
      keyPrefix: uniquePrefix('claim-short'),
      config: new IdempotencyConfig({ onEvent: (event) => events.push(event) }),
    });
    servers.holdReplication();

    const failure = charge({ id: 1 });

    await expect(failure).rejects.toBeInstanceOf(IdempotencyUnderReplicatedError);
    await expect(failure).rejects.toMatchObject({
      replicasRequested: 1,
      replicasAcknowledged: 0,
      message: expect.stringMatching(
        /claim of key .* was acknowledged by 0 of the 1 replica\(s\) asked for within 400 ms; the claim was released and the function not run/
      ),
    });
    expect(body).not.toHaveBeenCalled();
    expect(events).toEqual([expect.objectContaining({ type: 'storeError', operation: 'claim' })]);
    const storageKey = layer.storageKey(events[0]?.idempotencyKey as string);
    const primary = await inspector(servers.primary.port);
    const replica = await inspector(servers.replica.port);
    try {
      expect(await primary.exists(storageKey)).toBe(0);
      servers.releaseReplication();
      await primary.wait(1, 2000);
      expect(await replica.exists(storageKey)).toBe(0);
    } finally {
      primary.disconnect();
      replica.disconnect();
    }
  });

  it('with it, a completed record survives: the retry against the promoted replica replays it', async () => {
    const keyPrefix = uniquePrefix('result-kept');
    const body = jest.fn(async (order: { id: number }) => ({ charged: order.id }));
    const charge = makeIdempotent(body, { persistenceStore: await layerOn(servers.primary.port, acknowledgements), keyPrefix });
    await expect(charge({ id: 1 })).resolves.toEqual({ charged: 1 });

    await servers.failover();

    const retry = makeIdempotent(body, { persistenceStore: await layerOn(servers.replica.port, acknowledgements), keyPrefix });
    await expect(retry({ id: 1 })).resolves.toEqual({ charged: 1 });
    expect(body).toHaveBeenCalledTimes(1);
  });

  it('without it, a completion held back from the replica is lost: after the failover the retry finds the claim, not the result', async () => {
    const keyPrefix = uniquePrefix('result-lost');
    const body = jest.fn(async (order: { id: number }) => {
      // The claim reaches the replica; the completion will not.
      await servers.caughtUp();
      servers.holdReplication();
      return { charged: order.id };
    });
    const charge = makeIdempotent(body, { persistenceStore: await layerOn(servers.primary.port), keyPrefix });
    await expect(charge({ id: 1 })).resolves.toEqual({ charged: 1 });

    await servers.failover();

    const retry = makeIdempotent(body, { persistenceStore: await layerOn(servers.replica.port), keyPrefix });
    await expect(retry({ id: 1 })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    expect(body).toHaveBeenCalledTimes(1);
  });

  it('with it, a completion the replica does not acknowledge returns the result and reports underReplicated with the counts', async () => {
    const layer = await layerOn(servers.primary.port, acknowledgements);
    const events: IdempotencyEvent[] = [];
    const charge = makeIdempotent(
      async (order: { id: number }) => {
        servers.holdReplication();
        return { charged: order.id };
      },
      {
        persistenceStore: layer,
        keyPrefix: uniquePrefix('result-short'),
        config: new IdempotencyConfig({ onEvent: (event) => events.push(event) }),
      }
    );

    await expect(charge({ id: 1 })).resolves.toEqual({ charged: 1 });

    expect(events.map((event) => event.type)).toEqual(['claimed', 'completed', 'underReplicated']);
    expect(events[2]).toEqual({
      type: 'underReplicated',
      idempotencyKey: events[0]?.idempotencyKey,
      replicasRequested: 1,
      replicasAcknowledged: 0,
    });
    // Stored on the primary all the same: a repeat replays it.
    servers.releaseReplication();
    await expect(charge({ id: 1 })).resolves.toEqual({ charged: 1 });
  });
});

describe('a lease renewal with replicaAcknowledgements (ioredis)', () => {
  let servers: ReplicatedRedis;
  let client: OpenClient;

  beforeAll(async () => {
    servers = await startReplicatedRedis();
    client = await open('ioredis', servers.primary.port);
  });

  afterAll(async () => {
    await client?.close();
    await servers?.stop();
  });

  it('that the replica does not acknowledge is reported as a storeError of the renewal, and the call still completes', async () => {
    const events: IdempotencyEvent[] = [];
    const charge = makeIdempotent(
      async (order: { id: number; hold: boolean }) => {
        if (order.hold) servers.holdReplication();
        await new Promise((resolve) => setTimeout(resolve, 900)); // renewals every 333 ms, each waiting up to 400 ms
        servers.releaseReplication();
        return { charged: order.id };
      },
      {
        persistenceStore: new CachePersistenceLayer({ client: client.client, replicaAcknowledgements: acknowledgements }),
        keyPrefix: uniquePrefix('renewal-short'),
        config: new IdempotencyConfig({
          inProgressExpiresAfterSeconds: 1,
          renewInProgressLease: true,
          onEvent: (event) => events.push(event),
        }),
      }
    );

    // The server learns the three scripts (a first use costs a second pipeline, after the WAIT of the first).
    await expect(charge({ id: 0, hold: false })).resolves.toEqual({ charged: 0 });
    expect(events.filter((event) => event.type === 'storeError')).toEqual([]);
    events.length = 0;

    await expect(charge({ id: 1, hold: true })).resolves.toEqual({ charged: 1 });

    const renewals = events.filter((event) => event.type === 'storeError');
    expect(renewals.length).toBeGreaterThan(0);
    for (const event of renewals) {
      expect(event).toMatchObject({ operation: 'renew', errorName: 'IdempotencyUnderReplicatedError' });
    }
    expect(events.map((event) => event.type)).toContain('completed');
    expect(events.map((event) => event.type)).not.toContain('claimLost');
  });
});
