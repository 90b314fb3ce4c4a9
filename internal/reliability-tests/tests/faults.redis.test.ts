import { CachePersistenceLayer } from '@idem/cache';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { type FaultProxy, type RedisServer, startFaultProxy, startRedis } from '@idem/test-servers';
import { Redis } from 'ioredis';
import { runFaultScenario } from '../src/faultRun.js';
import { recordFigure } from '../src/figures.js';
import { outcomeOf, tally } from '../src/outcomes.js';
import { failFastRedisOptions } from '../src/stores.js';
import { eventually, sleep } from './support/clock.js';
import { checkFaultRun } from './support/faultChecks.js';

const keys = Array.from({ length: 6 }, (_, i) => `order-${i}`);
// Longer than any burst, so every claim is live throughout it; the checks after it move Date past the lease instead of waiting.
const leaseSeconds = 10;
const clientOptions = { ...failFastRedisOptions, commandTimeout: 500 };

let server: RedisServer | undefined;
let durable: RedisServer | undefined;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  [server, durable] = await Promise.all([startRedis(), startRedis({ appendOnly: true })]);
  proxy = await startFaultProxy({ targetHost: '127.0.0.1', targetPort: server.port });
});

afterAll(async () => {
  await proxy?.stop();
  await Promise.all([server?.stop(), durable?.stop()]);
});

const scenarios: Array<[id: string, applied: string, target: () => number, inject: () => Promise<void>]> = [
  [
    'stall',
    'the fault proxy holds every byte for 800 ms mid-call, then delivers them (client command timeout 500 ms)',
    () => (proxy as FaultProxy).port,
    async () => {
      proxy?.stall();
      await sleep(800);
      proxy?.resume();
    },
  ],
  [
    'drop',
    'the fault proxy closes every connection cleanly (FIN) mid-call',
    () => (proxy as FaultProxy).port,
    async () => proxy?.dropConnections(),
  ],
  [
    'reset',
    'the fault proxy resets every connection (RST) mid-call',
    () => (proxy as FaultProxy).port,
    async () => proxy?.resetConnections(),
  ],
  [
    'restart',
    'redis-server SIGKILLed mid-call and restarted on its port (append-only file, fsync always)',
    () => (durable as RedisServer).port,
    () => (durable as RedisServer).restart(),
  ],
];

describe('Redis faults mid-call, 120 calls over 6 keys, through ioredis failing fast', () => {
  it.each(scenarios)(
    '%s: %s',
    async (id, applied, target, inject) => {
      const redis = new Redis({ host: '127.0.0.1', port: target(), lazyConnect: true, ...clientOptions });
      await redis.connect();
      try {
        const layer = new CachePersistenceLayer({ client: redis, storageKeyPrefix: 'idem:' });
        const keyPrefix = `fault-${id}-${Date.now()}`;
        const run = await runFaultScenario({
          layer,
          keyPrefix,
          keys,
          callsPerKey: 20,
          functionMs: 200,
          spreadMs: 300,
          leaseSeconds,
          faultAtMs: 120,
          inject,
        });
        // The client reconnects by itself; the checks need it connected again.
        await eventually(() => redis.ping());
        const checked = await checkFaultRun(run, {
          id: `faults.redis.${id}`,
          store: 'Redis 7 standalone (ioredis)',
          applied,
          layer,
          keyPrefix,
          keys,
          leaseSeconds,
        });

        expect(checked.untypedErrors).toEqual([]);
        expect(checked.wrong).toEqual([]);
        expect(checked.burstShorterThanLease).toBe(true);
        expect(checked.maxExecutionsPerKey).toBeLessThanOrEqual(1);
        expect(checked.leasesBeyondOneLease).toEqual([]);
        expect(checked.lostResults).toEqual([]);
        expect(checked.leftInProgressAfterLease).toEqual([]);
      } finally {
        redis.disconnect();
      }
    },
    30_000
  );
});

describe('what a Redis restart without persistence loses (as a failover to a replica that missed the writes would)', () => {
  it('completed results and live claims written before the restart are gone: each key runs again, one of them while its first run is still going', async () => {
    const volatile = await startRedis();
    const redis = new Redis({ host: '127.0.0.1', port: volatile.port, lazyConnect: true, ...clientOptions });
    await redis.connect();
    try {
      const layer = new CachePersistenceLayer({ client: redis, storageKeyPrefix: 'idem:' });
      const keyPrefix = `lost-${Date.now()}`;
      const started = Date.now();
      const runs: string[] = [];
      const release: Array<() => void> = [];
      let claimsLost = 0;
      const order = makeIdempotent(
        async (payload: { orderId: string }) => {
          runs.push(payload.orderId);
          if (payload.orderId === 'held') await new Promise<void>((resolve) => release.push(resolve));
          return { orderId: payload.orderId, run: runs.length };
        },
        {
          persistenceStore: layer,
          keyPrefix,
          config: new IdempotencyConfig({
            inProgressExpiresAfterSeconds: leaseSeconds,
            onEvent: (event) => void (event.type === 'claimLost' && claimsLost++),
          }),
        }
      );
      const before = await Promise.all(keys.map((key) => outcomeOf(key, () => order({ orderId: key }))));
      const held = outcomeOf('held', () => order({ orderId: 'held' }));
      for (let attempt = 0; attempt < 100 && release.length < 1; attempt++) await sleep(10);

      await volatile.restart();
      await eventually(() => redis.ping());
      const after = await Promise.all(keys.map((key) => outcomeOf(key, () => order({ orderId: key }))));
      const second = outcomeOf('held', () => order({ orderId: 'held' }));
      for (let attempt = 0; attempt < 100 && release.length < 2; attempt++) await sleep(10);
      for (const finish of release) finish();
      const heldOutcomes = [await held, await second];
      const outcomes = [...before, ...after, ...heldOutcomes];
      recordFigure({
        id: 'failover.redis.restartWithoutPersistence',
        section: 'Failover',
        title:
          'What Redis loses when acknowledged writes vanish (restart without persistence, standing in for failover to a lagging replica)',
        store: 'Redis 7 standalone (ioredis), no persistence',
        applied: `${keys.length} keys completed and one claim held, then redis-server SIGKILLed and restarted empty; every key called again`,
        ...tally(outcomes),
        executions: runs.length,
        keys: keys.length + 1,
        recordsLeftInProgress: 0,
        notes: [
          `${keys.length} of ${keys.length} completed keys ran again instead of replaying; ` +
            `the held key ran a second time while its first run was still going, and the first run's completion was refused (${claimsLost} claimLost event).`,
        ],
        durationMs: Date.now() - started,
      });

      expect(runs.filter((key) => key !== 'held').sort()).toEqual([...keys, ...keys].sort());
      expect(runs.filter((key) => key === 'held')).toHaveLength(2);
      expect(after).not.toEqual(before);
    } finally {
      redis.disconnect();
      await volatile.stop();
    }
  }, 30_000);
});
