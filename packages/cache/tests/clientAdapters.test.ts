import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyClaimLostError, IdempotencyItemNotFoundError } from '@idem/core';
import { type RedisServer, startRedis } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { connectCacheClient } from '../src/clients/connectCacheClient.js';
import { clientKinds, type OpenClient, openClient } from './support/clients.js';
import { claimed, fakeDateOnly, inspector, uniquePrefix } from './support/layerKit.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = await inspector(server.port);
});

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

afterEach(() => {
  jest.useRealTimers();
});

describe.each(clientKinds)('with a %s client', (kind) => {
  let open: OpenClient;
  let layer: CachePersistenceLayer;

  beforeAll(async () => {
    open = await openClient(kind, server.port);
    layer = new CachePersistenceLayer({ client: open.client });
  });

  afterAll(async () => {
    await open?.close();
  });

  const claimOptions = { expiresAfterSeconds: 60, leaseMs: 10_000 };

  it('is recognised as its own kind, and runs scripts unless it is a plain CacheClient', () => {
    expect(layer.clientKind).toBe(kind);
    expect(layer.canRenewClaims()).toBe(true);
    expect(layer.runsScripts).toBe(kind !== 'cache-client');
  });

  it('the adapter writes set-if-absent with a TTL and refuses to overwrite an existing key', async () => {
    const connection = connectCacheClient(open.client);
    const key = uniquePrefix(`adapter-${kind}`);

    expect(await connection.setIfAbsent(key, 'first', 5_000)).toBe(true);
    expect(await connection.setIfAbsent(key, 'second', 5_000)).toBe(false);

    expect(await redis.get(key)).toBe('first');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('the adapter overwrites with a fresh TTL, reads and deletes', async () => {
    const connection = connectCacheClient(open.client);
    const key = uniquePrefix(`adapter-${kind}`);
    await redis.set(key, 'old');

    await connection.set(key, 'new', 7_000);

    expect(await connection.get(key)).toBe('new');
    expect(await redis.pttl(key)).toBeGreaterThan(0);
    await connection.del(key);
    expect(await redis.exists(key)).toBe(0);
    expect(await connection.get(key)).toBeNull();
  });

  it('a claim is stored with the record expiry as TTL, and a second claim of the key is refused with the stored record', async () => {
    const idempotencyKey = uniquePrefix(`claim-${kind}`);
    const first = await claimed(layer.claim({ idempotencyKey, payloadHash: 'hash-1' }, claimOptions));

    const refusal = await layer.claim({ idempotencyKey, payloadHash: 'hash-1' }, claimOptions);

    expect(refusal).toMatchObject({ kind: 'refused' });
    const existing = refusal.kind === 'refused' ? refusal.existingRecord : undefined;
    expect(existing?.ownerToken).toBe(first.ownerToken);
    expect(existing?.getStatus()).toBe('INPROGRESS');
    const ttl = await redis.pttl(layer.storageKey(idempotencyKey));
    expect(ttl).toBeGreaterThan(0);
    // Scripts keep the claim until the record expiry; a plain client only until the lease ends.
    expect(ttl).toBeLessThanOrEqual(kind === 'cache-client' ? claimOptions.leaseMs : claimOptions.expiresAfterSeconds * 1000);
  });

  it('of 50 parallel claims of one key exactly one wins, and every loser gets the winner record', async () => {
    const idempotencyKey = uniquePrefix(`parallel-${kind}`);

    const outcomes = await Promise.all(Array.from({ length: 50 }, () => layer.claim({ idempotencyKey }, claimOptions)));

    const winners = outcomes.flatMap((outcome) => (outcome.kind === 'claimed' ? [outcome.claim] : []));
    const losers = outcomes.flatMap((outcome) => (outcome.kind === 'refused' ? [outcome] : []));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(loser.existingRecord?.ownerToken).toBe(winners[0]?.ownerToken);
    }
  });

  it('completion stores the response, keeps the payload hash and sets the TTL to the record expiry', async () => {
    const idempotencyKey = uniquePrefix(`complete-${kind}`);
    const claim = await claimed(layer.claim({ idempotencyKey, payloadHash: 'hash-2' }, claimOptions));

    await layer.complete(claim, { charged: 42 }, 600);

    const stored = await layer.fetch(idempotencyKey);
    expect(stored.getStatus()).toBe('COMPLETED');
    expect(stored.getResponse()).toEqual({ charged: 42 });
    expect(stored.payloadHash).toBe('hash-2');
    const ttl = await redis.pttl(layer.storageKey(idempotencyKey));
    expect(ttl).toBeGreaterThan(500_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
  });

  it('a completed record with an undefined response replays as undefined', async () => {
    const idempotencyKey = uniquePrefix(`undefined-${kind}`);
    const claim = await claimed(layer.claim({ idempotencyKey }, claimOptions));

    await layer.complete(claim, undefined, 60);

    const stored = await layer.fetch(idempotencyKey);
    expect(stored.getStatus()).toBe('COMPLETED');
    expect(stored.getResponse()).toBeUndefined();
  });

  it('completion by a call whose claim was taken over is refused and leaves the new owner record', async () => {
    const idempotencyKey = uniquePrefix(`lost-${kind}`);
    const stale = await claimed(layer.claim({ idempotencyKey }, claimOptions));
    await redis.del(layer.storageKey(idempotencyKey));
    const owner = await claimed(layer.claim({ idempotencyKey }, claimOptions));

    await expect(layer.complete(stale, { late: true }, 60)).rejects.toBeInstanceOf(IdempotencyClaimLostError);

    const stored = await layer.fetch(idempotencyKey);
    expect(stored.ownerToken).toBe(owner.ownerToken);
    expect(stored.getStatus()).toBe('INPROGRESS');
  });

  it('completion of a claim that vanished is refused instead of writing a record nobody claimed', async () => {
    const idempotencyKey = uniquePrefix(`vanished-${kind}`);
    const claim = await claimed(layer.claim({ idempotencyKey }, claimOptions));
    await redis.del(layer.storageKey(idempotencyKey));

    await expect(layer.complete(claim, 'result', 60)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    expect(await redis.exists(layer.storageKey(idempotencyKey))).toBe(0);
  });

  it('release deletes the claim of its owner only', async () => {
    const idempotencyKey = uniquePrefix(`release-${kind}`);
    const claim = await claimed(layer.claim({ idempotencyKey }, claimOptions));
    const impostor = Object.assign(Object.create(Object.getPrototypeOf(claim)), claim, { ownerToken: 'someone-else' });

    await layer.release(impostor);
    expect((await layer.fetch(idempotencyKey)).ownerToken).toBe(claim.ownerToken);

    await layer.release(claim);
    await expect(layer.fetch(idempotencyKey)).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
  });

  it('a claim whose in-progress expiry passed is taken over where scripts run, and lapses on the server otherwise', async () => {
    const idempotencyKey = uniquePrefix(`lapsed-${kind}`);
    fakeDateOnly();
    const start = Date.now();
    jest.setSystemTime(start);
    const first = await claimed(layer.claim({ idempotencyKey }, { expiresAfterSeconds: 60, leaseMs: 1_000 }));

    jest.setSystemTime(start + 1_500);
    const retry = layer.claim({ idempotencyKey }, { expiresAfterSeconds: 60, leaseMs: 1_000 });

    if (kind === 'cache-client') {
      // SET NX cannot replace a lapsed claim; the server drops it when its lease ends instead.
      const refusal = await retry;
      expect(refusal).toMatchObject({ kind: 'refused' });
      expect(refusal.kind === 'refused' && refusal.existingRecord?.isClaimable()).toBe(true);
      expect(await redis.pttl(layer.storageKey(idempotencyKey))).toBeLessThanOrEqual(1_000);
    } else {
      const second = await claimed(retry);
      expect(second.ownerToken).not.toBe(first.ownerToken);
      expect((await layer.fetch(idempotencyKey)).ownerToken).toBe(second.ownerToken);
    }
  });

  it('renewing a claim moves its in-progress expiry, so the key stays refused past the first lease', async () => {
    const idempotencyKey = uniquePrefix(`renew-${kind}`);
    fakeDateOnly();
    const start = Date.now();
    jest.setSystemTime(start);
    const claim = await claimed(layer.claim({ idempotencyKey }, { expiresAfterSeconds: 60, leaseMs: 1_000 }));

    jest.setSystemTime(start + 500);
    await layer.renew(claim, 5_000);
    jest.setSystemTime(start + 2_000);

    const refusal = await layer.claim({ idempotencyKey }, claimOptions);
    expect(refusal).toMatchObject({ kind: 'refused' });
    const stored = await layer.fetch(idempotencyKey);
    expect(stored.inProgressExpiryTimestamp).toBe(start + 5_500);
    expect(stored.ownerToken).toBe(claim.ownerToken);
    const ttl = await redis.pttl(layer.storageKey(idempotencyKey));
    // Without scripts the TTL follows the lease, so renewal must move it too.
    expect(ttl).toBeGreaterThan(kind === 'cache-client' ? 1_000 : 50_000);
  });

  it('renewing a claim that was taken over or completed is refused as a lost claim', async () => {
    const idempotencyKey = uniquePrefix(`renew-lost-${kind}`);
    const stale = await claimed(layer.claim({ idempotencyKey }, claimOptions));
    await redis.del(layer.storageKey(idempotencyKey));
    const owner = await claimed(layer.claim({ idempotencyKey }, claimOptions));

    await expect(layer.renew(stale, 5_000)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    await layer.complete(owner, 'done', 60);
    await expect(layer.renew(owner, 5_000)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    expect((await layer.fetch(idempotencyKey)).getStatus()).toBe('COMPLETED');
  });

  it('a completed record past its expiry is replaced by a new claim where scripts run', async () => {
    if (kind === 'cache-client') return; // The server's TTL removes it at the same moment.
    const idempotencyKey = uniquePrefix(`expired-${kind}`);
    fakeDateOnly();
    const start = Date.now();
    jest.setSystemTime(start);
    const claim = await claimed(layer.claim({ idempotencyKey }, claimOptions));
    await layer.complete(claim, 'old', 60);

    jest.setSystemTime(start + 61_000);
    const fresh = await claimed(layer.claim({ idempotencyKey }, claimOptions));

    const stored = await layer.fetch(idempotencyKey);
    expect(stored.ownerToken).toBe(fresh.ownerToken);
    expect(stored.getStatus()).toBe('INPROGRESS');
  });
});
