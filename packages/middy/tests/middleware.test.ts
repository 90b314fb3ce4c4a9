import { createHash } from 'node:crypto';
import {
  canonicalJson,
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyConfigurationError,
  IdempotencyRecordStatus,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { earlyReturnCleanupKeys, type MiddyLikeRequest, makeHandlerIdempotent } from '@idem/middy';
import type { Context } from 'aws-lambda';
import middyNewest from 'middy-newest';
import middyOldest from 'middy-oldest';
import { gate } from './support/gate.js';
import { lambdaContext } from './support/lambdaContext.js';
import { recorder } from './support/recorder.js';
import { middyMajors } from './support/subjects.js';

type Middleware = Parameters<ReturnType<typeof middyNewest>['use']>[0];

const order = { orderId: 'o-1', amount: 5 };

describe.each(middyMajors)('makeHandlerIdempotent on $name', ({ middy: anyMajor }) => {
  const middy = anyMajor as typeof middyNewest;

  /** A Middy handler with `middlewares` used in order; returns an invoker taking a plain event. */
  function wrap(fn: (event: any) => Promise<unknown>, ...middlewares: Middleware[]) {
    const handler = middy(fn as never);
    for (const middleware of middlewares) handler.use(middleware);
    return (event: unknown, context = lambdaContext()) => handler(event as never, context as never);
  }

  describe('early return on a replay', () => {
    it('skips the handler and every middleware used after it; those used before it run their before only', async () => {
      const log: string[] = [];
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = wrap(
        async () => {
          log.push('handler');
          return 'charged';
        },
        recorder('outer', log),
        makeHandlerIdempotent({ persistenceStore }),
        recorder('inner', log)
      );
      await charge({ ...order });
      expect(log).toEqual(['outer.before', 'inner.before', 'handler', 'inner.after', 'outer.after']);
      log.length = 0;
      await expect(charge({ ...order })).resolves.toBe('charged');
      expect(log).toEqual(['outer.before']);
    });

    it('runs the cleanup functions that earlier middlewares left in request.internal, on a replay only', async () => {
      const cleanups: string[] = [];
      const leavesCleanups: Middleware = {
        before: async (request: MiddyLikeRequest) => {
          for (const key of earlyReturnCleanupKeys) request.internal[key] = async () => cleanups.push(key);
        },
      };
      const charge = wrap(
        async () => 'charged',
        leavesCleanups,
        makeHandlerIdempotent({ persistenceStore: new MemoryPersistenceLayer() })
      );
      await charge({ ...order });
      expect(cleanups).toEqual([]);
      await charge({ ...order });
      expect(cleanups).toEqual(['powertools-for-aws.tracer', 'powertools-for-aws.metrics', 'powertools-for-aws.logger']);
    });

    it('replays an undefined result without running the handler or the middlewares after it', async () => {
      const log: string[] = [];
      const charge = wrap(
        async () => {
          log.push('handler');
        },
        makeHandlerIdempotent({ persistenceStore: new MemoryPersistenceLayer() }),
        recorder('inner', log)
      );
      await charge({ ...order });
      log.length = 0;
      await expect(charge({ ...order })).resolves.toBeUndefined();
      expect(log).toEqual([]);
    });
  });

  describe('onError settles only the claim of its own request', () => {
    it('an error thrown before the claim leaves a running request with the same key its claim', async () => {
      const held = gate();
      const fn = jest.fn(async () => {
        await held.opened;
        return 'charged';
      });
      const failsEarly: Middleware = {
        before: async (request: MiddyLikeRequest) => {
          if ((request.event as { failEarly?: boolean }).failEarly) throw new Error('rejected by an earlier middleware');
        },
      };
      const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId' });
      const charge = wrap(fn, failsEarly, makeHandlerIdempotent({ persistenceStore: new MemoryPersistenceLayer(), config }));
      const running = charge({ ...order });
      await new Promise(setImmediate);
      await expect(charge({ ...order, failEarly: true })).rejects.toThrow('rejected by an earlier middleware');
      await expect(charge({ ...order })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
      held.open();
      await expect(running).resolves.toBe('charged');
      await expect(charge({ ...order })).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('an error during a replay leaves the completed record in place', async () => {
      const fn = jest.fn(async () => 'charged');
      const cleanupFails: Middleware = {
        before: async (request: MiddyLikeRequest) => {
          if ((request.event as { failCleanup?: boolean }).failCleanup) {
            request.internal['powertools-for-aws.metrics'] = async () => {
              throw new Error('metrics flush failed');
            };
          }
        },
      };
      const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId' });
      const charge = wrap(fn, cleanupFails, makeHandlerIdempotent({ persistenceStore: new MemoryPersistenceLayer(), config }));
      await charge({ ...order });
      await expect(charge({ ...order, failCleanup: true })).rejects.toThrow('metrics flush failed');
      await expect(charge({ ...order })).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(1);
    });

    it('concurrent requests with different keys each complete their own claim', async () => {
      const gates = { a: gate(), b: gate() };
      const fn = jest.fn(async (event: { orderId: 'a' | 'b' }) => {
        await gates[event.orderId].opened;
        return `charged ${event.orderId}`;
      });
      const charge = wrap(fn, makeHandlerIdempotent({ persistenceStore: new MemoryPersistenceLayer() }));
      const a = charge({ orderId: 'a' });
      const b = charge({ orderId: 'b' });
      await new Promise(setImmediate);
      gates.b.open();
      await expect(b).resolves.toBe('charged b');
      gates.a.open();
      await expect(a).resolves.toBe('charged a');
      await expect(charge({ orderId: 'a' })).resolves.toBe('charged a');
      await expect(charge({ orderId: 'b' })).resolves.toBe('charged b');
      expect(fn).toHaveBeenCalledTimes(2);
    });

    it('an error from a middleware used after it, in its before or after, releases the claim so a retry runs', async () => {
      const fn = jest.fn(async () => 'charged');
      const failures = ['before', 'after'];
      const failsOnce: Middleware = {
        before: async () => {
          if (failures[0] === 'before') throw new Error(`inner ${failures.shift()} failed`);
        },
        after: async () => {
          if (failures[0] === 'after') throw new Error(`inner ${failures.shift()} failed`);
        },
      };
      const charge = wrap(fn, makeHandlerIdempotent({ persistenceStore: new MemoryPersistenceLayer() }), failsOnce);
      await expect(charge({ ...order })).rejects.toThrow('inner before failed');
      await expect(charge({ ...order })).rejects.toThrow('inner after failed');
      await expect(charge({ ...order })).resolves.toBe('charged');
      await expect(charge({ ...order })).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(2);
    });
  });

  describe('key prefix', () => {
    const previousName = process.env.AWS_LAMBDA_FUNCTION_NAME;
    beforeEach(() => {
      process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders';
    });
    afterEach(() => {
      if (previousName === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      else process.env.AWS_LAMBDA_FUNCTION_NAME = previousName;
    });

    it("defaults to makeIdempotent's prefix for a handler named like the Lambda function: each replays the other's record", async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const runs: string[] = [];
      const wrapped = makeIdempotent(
        async function orders(_event: unknown, _context: Context) {
          runs.push('makeIdempotent');
          return 'charged';
        },
        { persistenceStore }
      );
      const charge = wrap(async () => runs.push('middleware'), makeHandlerIdempotent({ persistenceStore }));
      await wrapped({ ...order }, lambdaContext({ functionName: 'orders' }) as Context);
      await expect(charge({ ...order }, lambdaContext({ functionName: 'orders' }))).resolves.toBe('charged');
      expect(runs).toEqual(['makeIdempotent']);
      const key = `orders.orders#${createHash('md5').update(canonicalJson(order)).digest('hex')}`;
      expect((await persistenceStore.fetch(key)).getStatus()).toBe(IdempotencyRecordStatus.COMPLETED);
    });

    it('keyPrefix replaces the default', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = wrap(async () => 'charged', makeHandlerIdempotent({ persistenceStore, keyPrefix: 'checkout' }));
      await charge({ ...order });
      const key = `checkout#${createHash('md5').update(canonicalJson(order)).digest('hex')}`;
      expect((await persistenceStore.fetch(key)).getResponse()).toBe('charged');
    });

    it('refuses a second middleware that would share the default prefix and store, naming keyPrefix', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const second = jest.fn(async () => 'refunded');
      const charge = wrap(async () => 'charged', makeHandlerIdempotent({ persistenceStore }));
      const refund = wrap(second, makeHandlerIdempotent({ persistenceStore }));
      await charge({ ...order });
      const refused = await refund({ ...order }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(IdempotencyConfigurationError);
      expect((refused as Error).message).toMatch(/^keyPrefix: /);
      expect(second).not.toHaveBeenCalled();
    });

    it('two middlewares with their own keyPrefix share a store without sharing records', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = wrap(async () => 'charged', makeHandlerIdempotent({ persistenceStore, keyPrefix: 'charge' }));
      const refund = wrap(async () => 'refunded', makeHandlerIdempotent({ persistenceStore, keyPrefix: 'refund' }));
      await expect(charge({ ...order })).resolves.toBe('charged');
      await expect(refund({ ...order })).resolves.toBe('refunded');
      await expect(charge({ ...order })).resolves.toBe('charged');
    });
  });
});

describe('making the middleware', () => {
  it('refuses a config the store cannot honour right away, as makeIdempotent does when it wraps', () => {
    const persistenceStore = new MemoryPersistenceLayer();
    Object.defineProperty(persistenceStore, '_extendRecord', { value: undefined });
    const config = new IdempotencyConfig({ renewInProgressLease: true });
    const lambdaHandler = async (_event: unknown, _context: Context) => 'charged';
    expect(() => makeIdempotent(lambdaHandler, { persistenceStore, config })).toThrow(IdempotencyConfigurationError);
    expect(() => makeHandlerIdempotent({ persistenceStore, config })).toThrow(IdempotencyConfigurationError);
    expect(() => makeHandlerIdempotent({ persistenceStore, config, keyPrefix: 'checkout' })).toThrow(/^renewInProgressLease: /);
  });

  it('refuses an unknown option, naming it and the option it most likely meant', () => {
    const persistenceStore = new MemoryPersistenceLayer();
    expect(() => makeHandlerIdempotent({ persistenceStore, keyprefix: 'checkout' } as never)).toThrow(
      /^keyprefix: not an option of makeHandlerIdempotent; did you mean keyPrefix\?/
    );
  });
});

describe('types', () => {
  it("each Middy major's .use() takes the middleware as it is", async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const lambdaHandler = async (event: { orderId: string }, _context: Context) => ({ charged: event.orderId });
    const oldest = middyOldest(lambdaHandler).use(makeHandlerIdempotent({ persistenceStore, keyPrefix: 'oldest' }));
    const newest = middyNewest(lambdaHandler).use(makeHandlerIdempotent({ persistenceStore, keyPrefix: 'newest' }));
    const context = lambdaContext() as Context;
    await expect(oldest({ orderId: 'o-1' }, context)).resolves.toEqual({ charged: 'o-1' });
    await expect(newest({ orderId: 'o-1' }, context)).resolves.toEqual({ charged: 'o-1' });
  });
});
