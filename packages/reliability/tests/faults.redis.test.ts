import { startFaultProxy, startRedis, type FaultProxy, type RedisServer } from '@idem/test-servers';
import { Redis } from 'ioredis';
import { runFaultScenario } from '../src/faultRun.js';
import { failFastRedisOptions } from '../src/stores.js';
import { CachePersistenceLayer } from '@idem/cache';
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
  ['drop', 'the fault proxy closes every connection cleanly (FIN) mid-call', () => (proxy as FaultProxy).port, async () => proxy?.dropConnections()],
  ['reset', 'the fault proxy resets every connection (RST) mid-call', () => (proxy as FaultProxy).port, async () => proxy?.resetConnections()],
  [
    'restart',
    'redis-server SIGKILLed mid-call and restarted on its port (append-only file, fsync always)',
    () => (durable as RedisServer).port,
    () => (durable as RedisServer).restart(),
  ],
];

describe('Redis faults mid-call, 120 calls over 6 keys, through ioredis failing fast', () => {
  it.each(scenarios)('%s: %s', async (id, applied, target, inject) => {
    const redis = new Redis({ host: '127.0.0.1', port: target(), lazyConnect: true, ...clientOptions });
    await redis.connect();
    try {
      const layer = new CachePersistenceLayer({ client: redis, keyPrefix: 'idem:' });
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
  }, 30_000);
});
