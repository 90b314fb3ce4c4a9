import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import type { Context } from 'aws-lambda';
import {
  deferred,
  inProgress,
  lambdaContext,
  newOrder,
  type Order,
  powertoolsKey,
  settledCount,
  sleep,
} from './support/calls.js';
import { backendIds, type SharedBackend, useSharedBackends } from './support/stores.js';

// A live claim held by either library blocks the other, and callers of both libraries racing on
// one key run the function once, on a fresh key and on a key whose last claim lapsed.

const sharedBackend = useSharedBackends();

/** One function wrapped by each library on the backend, its runs held until `release`. */
function bothSides(backend: SharedBackend) {
  const gate = deferred();
  const charge = jest.fn(async (event: Order, _context: Context) => {
    await gate.promise;
    return { charged: event.amount, orderId: event.orderId };
  });
  return {
    charge,
    release: gate.resolve,
    powertools: powertoolsIdempotent(charge, {
      persistenceStore: backend.powertools(),
      config: new PowertoolsConfig({ eventKeyJmesPath: 'orderId' }),
    }),
    idem: makeIdempotent(charge, {
      persistenceStore: backend.idem(),
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }),
    }),
  };
}

/**
 * 10 callers of each library on one order, interleaved. The runs are held until all callers but
 * one have settled (or 5 s passed, when two are running: the test then fails on the count).
 */
async function race(sides: ReturnType<typeof bothSides>, order: Order) {
  const calls: Array<Promise<unknown>> = [];
  for (let i = 0; i < 10; i++) {
    calls.push(sides.powertools(order, lambdaContext()));
    calls.push(sides.idem(order, lambdaContext()));
  }
  await Promise.race([settledCount(calls, calls.length - 1), sleep(5000)]);
  sides.release();
  return Promise.allSettled(calls);
}

describe.each(backendIds)('on %s', (id) => {
  const backend = () => sharedBackend(id);

  it.each([
    ['powertools', 'idem'],
    ['idem', 'powertools'],
  ] as const)("a live claim of %s's blocks %s with IdempotencyAlreadyInProgressError", async (holder, blocked) => {
    const order = newOrder();
    const sides = bothSides(backend());
    const running = sides[holder](order, lambdaContext());
    await sleep(100);

    await expect(sides[blocked](order, lambdaContext())).rejects.toMatchObject(inProgress);
    sides.release();
    await running;
    expect(sides.charge).toHaveBeenCalledTimes(1);
  });

  it('a live claim made outside Lambda by idem blocks Powertools too: idem always writes a lease', async () => {
    const order = newOrder();
    const sides = bothSides(backend());
    const gate = deferred();
    const outsideLambda = makeIdempotent(
      async (event: Order) => {
        await gate.promise;
        return event.amount;
      },
      { persistenceStore: backend().idem(), config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }) }
    );
    const running = outsideLambda(order);
    await sleep(100);

    const stored = await backend().stored(powertoolsKey(JSON.stringify(order.orderId)));
    expect(stored?.in_progress_expiration).toBeGreaterThan(Date.now() + 50_000);
    await expect(sides.powertools(order, lambdaContext())).rejects.toMatchObject(inProgress);
    gate.resolve();
    await running;
    expect(sides.charge).not.toHaveBeenCalled();
  });

  it('a claim Powertools made without a Lambda context blocks idem until the record expires: idem never takes it over', async () => {
    const order = newOrder();
    // Powertools writes no in-progress expiry without a context (and warns that it cannot).
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const outsideLambda = backend().powertools();
    outsideLambda.configure({ config: new PowertoolsConfig({ eventKeyJmesPath: 'orderId' }) });
    await outsideLambda.saveInProgress(order);
    warn.mockRestore();
    const sides = bothSides(backend());

    expect((await backend().stored(powertoolsKey(JSON.stringify(order.orderId))))?.in_progress_expiration).toBeUndefined();
    await expect(sides.idem(order, lambdaContext())).rejects.toMatchObject(inProgress);
    expect(sides.charge).not.toHaveBeenCalled();
  });

  it('10 Powertools callers and 10 idem callers on one new key run the function once', async () => {
    const order = newOrder();
    const sides = bothSides(backend());

    const outcomes = await race(sides, order);

    expect(sides.charge).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject(inProgress);
    }
    // After the run, both sides replay it.
    await expect(sides.powertools(order, lambdaContext())).resolves.toEqual({ charged: 5, orderId: order.orderId });
    await expect(sides.idem(order, lambdaContext())).resolves.toEqual({ charged: 5, orderId: order.orderId });
    expect(sides.charge).toHaveBeenCalledTimes(1);
  });

  it('10 Powertools callers and 10 idem callers on a key whose claim lapsed run the function once', async () => {
    const order = newOrder();
    // A Powertools invocation that claimed the key with 50 ms left and died there.
    const crashed = backend().powertools();
    crashed.configure({ config: new PowertoolsConfig({ eventKeyJmesPath: 'orderId' }) });
    await crashed.saveInProgress(order, 50);
    await sleep(100);
    const sides = bothSides(backend());

    const outcomes = await race(sides, order);

    expect(sides.charge).toHaveBeenCalledTimes(1);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        // Those that met the stale record while the winner was taking it over give up after retries.
        expect(['IdempotencyAlreadyInProgressError', 'IdempotencyInconsistentStateError']).toContain(
          (outcome.reason as Error).name
        );
      }
    }
  });
});
