import { createHash } from 'node:crypto';
import { CachePersistenceLayer } from '@idem/cache';
import type { CacheClient } from '@idem/cache/types';
import {
  IdempotencyConfigurationError,
  IdempotencyInconsistentStateError,
  IdempotencyPersistenceConsistencyError,
  makeIdempotent,
} from '@idem/core';
import { CommandMonitor, type RedisServer, startRedis } from '@idem/test-servers';
import type { Redis } from 'ioredis';
import { clientKinds, type OpenClient, openClient } from './support/clients.js';
import { claimed, inspector, uniquePrefix } from './support/layerKit.js';

// Powertools' value format on its own, on a real redis-server through every client. That
// Powertools itself reads and writes these values is shown in internal/powertools-tests.

const plainClient: CacheClient = { get: async () => null, set: async () => 'OK', del: async (keys) => keys.length };
const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };

describe("the option compatibility: 'powertools'", () => {
  it('an unknown value fails at construction, naming it', () => {
    const build = () => new CachePersistenceLayer({ client: plainClient, compatibility: 'redis' as never });
    expect(build).toThrow(IdempotencyConfigurationError);
    expect(build).toThrow(/compatibility: "redis" is not a compatibility mode/);
  });

  it('refuses a storageKeyPrefix, since Powertools stores records under the bare key', () => {
    expect(
      () => new CachePersistenceLayer({ client: plainClient, compatibility: 'powertools', storageKeyPrefix: 'idem:' })
    ).toThrow(/storageKeyPrefix: not available with compatibility 'powertools'/);
  });

  it("refuses an attribute name that is another part's, the owner token's field included", () => {
    expect(() => new CachePersistenceLayer({ client: plainClient, compatibility: 'powertools', dataAttr: 'owner' })).toThrow(
      /the owner token and dataAttr are both "owner"|dataAttr and the owner token are both "owner"/
    );
    expect(
      () => new CachePersistenceLayer({ client: plainClient, compatibility: 'powertools', statusAttr: 'expiration' })
    ).toThrow(IdempotencyConfigurationError);
  });

  it("names Powertools' key scheme, which the wrappers apply", () => {
    expect(new CachePersistenceLayer({ client: plainClient, compatibility: 'powertools' }).keyScheme).toBe('powertools');
    expect(new CachePersistenceLayer({ client: plainClient }).keyScheme).toBe('idem');
  });
});

let server: RedisServer;
let redis: Redis;
let monitor: CommandMonitor;

beforeAll(async () => {
  server = await startRedis();
  redis = await inspector(server.port);
  monitor = await CommandMonitor.open(server.port);
});

afterAll(async () => {
  monitor?.close();
  redis?.disconnect();
  await server?.stop();
});

const unreadableValues: Array<[string, string]> = [
  ['a value that is not JSON', 'not json{'],
  ['a JSON array', '["idem",1,"C",9999999999,null,null,null]'],
  ['an unknown status', '{"status":"WEIRD","expiration":9999999999}'],
  ['the status EXPIRED, which Powertools never writes', '{"status":"EXPIRED","expiration":1}'],
  ['no expiration', '{"status":"COMPLETED","data":1}'],
  ['an in-progress expiry that is a string', '{"status":"INPROGRESS","expiration":9999999999,"in_progress_expiration":"soon"}'],
  ['a validation hash that is a number', '{"status":"COMPLETED","expiration":1,"validation":5}'],
  ['an owner that is a number', '{"status":"INPROGRESS","expiration":1,"owner":7}'],
];

describe.each(clientKinds)('through a %s client', (kind) => {
  let open: OpenClient;
  let layer: CachePersistenceLayer;

  beforeAll(async () => {
    open = await openClient(kind, server.port);
    layer = new CachePersistenceLayer({ client: open.client, compatibility: 'powertools' });
  });

  afterAll(async () => {
    await open?.close();
  });

  it("writes Powertools' JSON value under the bare key, the owner token in its own field", async () => {
    const key = `${uniquePrefix(kind)}#abc==`;
    const claim = await claimed(layer.claim({ idempotencyKey: key, payloadHash: 'h==' }, claimOptions));

    expect(JSON.parse((await redis.get(key)) ?? 'null')).toEqual({
      status: 'INPROGRESS',
      expiration: claim.expiryTimestamp,
      in_progress_expiration: claim.inProgressExpiryTimestamp,
      validation: 'h==',
      owner: claim.ownerToken,
    });
    expect(await redis.ttl(key)).toBeGreaterThan(3590);

    await layer.complete(claim, { ok: true, items: [1, null, ''] }, 3600);
    const completed = JSON.parse((await redis.get(key)) ?? 'null');
    expect(completed).toEqual({
      status: 'COMPLETED',
      expiration: expect.any(Number),
      data: { ok: true, items: [1, null, ''] },
      validation: 'h==',
      owner: claim.ownerToken,
    });
    expect(Object.keys(completed).slice(0, 2)).toEqual(['status', 'expiration']);
  });

  it.each(unreadableValues)('a key holding %s gets a consistency error and keeps its value', async (_label, value) => {
    const key = `${uniquePrefix(kind)}#odd==`;
    await redis.set(key, value, 'EX', 600);
    const claim = { idempotencyKey: key };

    await expect(layer.claim(claim, claimOptions)).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
    await expect(layer.fetch(key)).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
    expect(await redis.get(key)).toBe(value);
  });

  it("replaces a claim whose lease lapsed only after winning Powertools' lock, which it leaves to expire", async () => {
    const key = `${uniquePrefix(kind)}#stale==`;
    const expiration = Math.floor(Date.now() / 1000) + 3600;
    await redis.set(
      key,
      JSON.stringify({ status: 'INPROGRESS', expiration, in_progress_expiration: Date.now() - 1 }),
      'EX',
      3600
    );

    const claim = await claimed(layer.claim({ idempotencyKey: key }, claimOptions));

    expect(JSON.parse((await redis.get(key)) ?? 'null').owner).toBe(claim.ownerToken);
    expect(await redis.get(`${key}:lock`)).toBe('true');
    const lockTtl = await redis.pttl(`${key}:lock`);
    expect(lockTtl).toBeGreaterThan(9000);
    expect(lockTtl).toBeLessThanOrEqual(10_000);
  });

  it('refuses to replace a stale record while another writer holds the lock, and changes nothing', async () => {
    const key = `${uniquePrefix(kind)}#locked==`;
    const stale = JSON.stringify({ status: 'COMPLETED', expiration: Math.floor(Date.now() / 1000) - 5, data: 'old' });
    await redis.set(key, stale, 'EX', 3600);
    await redis.set(`${key}:lock`, 'true', 'EX', 10);

    const outcome = await layer.claim({ idempotencyKey: key }, claimOptions);
    expect(outcome).toEqual({ kind: 'refused', existingRecord: undefined });
    expect(await redis.get(key)).toBe(stale);

    // Through the engine: the record stays stale while the lock is held, so the claims give up.
    const fn = jest.fn(async (_order: { id: number }) => 'ran');
    const prefix = key.slice(0, key.indexOf('#'));
    const wrapped = makeIdempotent(fn, { persistenceStore: layer, keyPrefix: prefix });
    await redis.rename(key, `${prefix}#${md5Base64('{"id":1}')}`);
    await redis.rename(`${key}:lock`, `${prefix}#${md5Base64('{"id":1}')}:lock`);
    await expect(wrapped({ id: 1 })).rejects.toBeInstanceOf(IdempotencyInconsistentStateError);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('round trips in compatibility', () => {
  let open: OpenClient;
  let layer: CachePersistenceLayer;

  beforeAll(async () => {
    open = await openClient('ioredis', server.port);
    layer = new CachePersistenceLayer({ client: open.client, compatibility: 'powertools' });
    await makeIdempotent(async (_order: { id: number }) => 'warm', { persistenceStore: layer, keyPrefix: uniquePrefix('warm') })({
      id: 0,
    });
  });

  afterAll(async () => {
    await open?.close();
  });

  it('are those of idem: two scripts for a first call, one for a repeat, and a takeover adds the lock', async () => {
    const keyPrefix = uniquePrefix('counts');
    const charge = makeIdempotent(async (order: { id: number }) => ({ charged: order.id }), {
      persistenceStore: layer,
      keyPrefix,
    });
    const first = await monitor.commandsDuring(() => charge({ id: 1 }));
    const repeat = await monitor.commandsDuring(() => charge({ id: 1 }));

    const key = `${keyPrefix}#${md5Base64('{"id":2}')}`;
    await redis.set(key, JSON.stringify({ status: 'COMPLETED', expiration: Math.floor(Date.now() / 1000) - 1 }), 'EX', 60);
    const takeover = await monitor.commandsDuring(() => charge({ id: 2 }));

    expect({ first: first.map(commandName), repeat: repeat.map(commandName), takeover: takeover.map(commandName) }).toEqual({
      first: ['EVALSHA', 'EVALSHA'],
      repeat: ['EVALSHA'],
      takeover: ['EVALSHA', 'SET', 'EVALSHA', 'EVALSHA'],
    });
  });
});

function md5Base64(text: string): string {
  return createHash('md5').update(text).digest('base64');
}

function commandName(line: string): string {
  return (/\] "([^"]+)"/.exec(line)?.[1] ?? line).toUpperCase();
}
