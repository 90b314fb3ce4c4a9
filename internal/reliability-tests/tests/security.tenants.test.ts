import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { type RedisServer, startRedis } from '@idem/test-servers';
import { recordFigure } from '../src/figures.js';
import { type CallOutcome, outcomeOf, tally } from '../src/outcomes.js';
import { type OpenStore, openStore } from '../src/stores.js';

let server: RedisServer | undefined;
let store: OpenStore | undefined;

beforeAll(async () => {
  server = await startRedis();
  store = await openStore({ kind: 'redis', port: server.port });
});

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

interface Order {
  tenant: string;
  orderId: string;
}

/**
 * Tenant A's call holds order 7 (its function waits), tenant B sends order 7 too, then both
 * finish and both send order 7 again. Returns what each call gave and how often each tenant's
 * function ran.
 */
async function twoTenantsOneOrderId(scoped: boolean) {
  const keyPrefix = `tenants-${scoped ? 'scoped' : 'unscoped'}-${Date.now()}`;
  const runs: Record<string, number> = {};
  const release: Array<() => void> = [];
  const placeOrder = makeIdempotent(
    async (order: Order) => {
      runs[order.tenant] = (runs[order.tenant] ?? 0) + 1;
      await new Promise<void>((resolve) => release.push(resolve));
      return { tenant: order.tenant, orderId: order.orderId, total: order.tenant === 'A' ? 100 : 250 };
    },
    {
      persistenceStore: (store as OpenStore).layer,
      keyPrefix,
      config: new IdempotencyConfig({
        // The order id alone is the key, as a client-supplied Idempotency-Key would be.
        eventKeyJmesPath: 'orderId',
        ...(scoped ? { keyScope: (order: unknown) => (order as Order).tenant } : {}),
      }),
    }
  );
  const aFirst = outcomeOf('A', () => placeOrder({ tenant: 'A', orderId: '7' }));
  for (let attempt = 0; attempt < 100 && release.length < 1; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  const bFirst = outcomeOf('B', () => placeOrder({ tenant: 'B', orderId: '7' }));
  for (let attempt = 0; attempt < 30 && release.length < 2; attempt++) await new Promise((resolve) => setTimeout(resolve, 10));
  for (const finish of release) finish();
  const first: CallOutcome[] = [await aFirst, await bFirst];
  const again: CallOutcome[] = [
    await outcomeOf('A', () => placeOrder({ tenant: 'A', orderId: '7' })),
    await outcomeOf('B', () => placeOrder({ tenant: 'B', orderId: '7' })),
  ];
  return { first, again, runs };
}

describe('keyScope on Redis: two tenants sending the same order id', () => {
  it("with keyScope, tenant B is neither blocked by tenant A's call in progress nor replays A's result", async () => {
    const started = Date.now();
    const scoped = await twoTenantsOneOrderId(true);
    const unscoped = await twoTenantsOneOrderId(false);
    recordFigure({
      id: 'security.keyScope',
      section: 'Security',
      title: "One tenant cannot replay or block another's call (keyScope)",
      store: 'Redis 7 standalone (ioredis)',
      applied:
        "tenant A's call for order 7 is in progress when tenant B sends order 7; then both send it again (key: the order id alone)",
      ...tally([...scoped.first, ...scoped.again]),
      executions: Object.values(scoped.runs).reduce((sum, count) => sum + count, 0),
      keys: 2,
      recordsLeftInProgress: 0,
      notes: [
        `With keyScope each tenant's function ran once and each replayed its own result; without it (control), tenant B got ` +
          `${'error' in (unscoped.first[1] as CallOutcome) ? (unscoped.first[1] as { error: string }).error : 'a result'} and then replayed tenant A's result.`,
      ],
      durationMs: Date.now() - started,
    });

    const a = JSON.stringify({ tenant: 'A', orderId: '7', total: 100 });
    const b = JSON.stringify({ tenant: 'B', orderId: '7', total: 250 });
    expect(scoped.first).toEqual([
      { key: 'A', result: a },
      { key: 'B', result: b },
    ]);
    expect(scoped.again).toEqual([
      { key: 'A', result: a },
      { key: 'B', result: b },
    ]);
    expect(scoped.runs).toEqual({ A: 1, B: 1 });
    // The control shows what keyScope prevents: B blocked by A, then served A's order.
    expect(unscoped.first[1]).toEqual({ key: 'B', error: 'IdempotencyAlreadyInProgressError' });
    expect(unscoped.again[1]).toEqual({ key: 'B', result: a });
  }, 20_000);
});
