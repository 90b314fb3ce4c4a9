import { IdempotencyAlreadyInProgressError, IdempotencyConfig, MemoryPersistenceLayer } from '@idem/core';
import { gate } from '../gate.js';
import { lambdaContext } from '../lambdaContext.js';
import { order, type Scenario } from './scenario.js';

/** Only Date is faked: records read it; Middy, the renewals and the test keep real timers. */
const realTimersBut: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: [
    'nextTick',
    'setImmediate',
    'setTimeout',
    'setInterval',
    'clearTimeout',
    'clearInterval',
    'queueMicrotask',
    'hrtime',
    'performance',
  ],
};

/** A promise that resolves once `spy` has been called `times` times in all. */
function calledTimes(spy: jest.SpyInstance, times: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (spy.mock.calls.length >= times ? resolve() : setImmediate(check));
    check();
  });
}

/** How long a claim blocks its key: the Lambda context's remaining time, the in-progress expiry, renewals. */
export const leaseScenarios: Scenario[] = [
  {
    name: "the Lambda context's remaining time bounds the claim: a duplicate is refused until then and runs after",
    async run({ build }) {
      jest.useFakeTimers(realTimersBut);
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const start = new Date('2026-01-01T00:00:00Z').getTime();
        jest.setSystemTime(start);
        const held = gate();
        const fn = jest.fn(async () => {
          await held.opened;
          return 'charged';
        });
        // A lease of 20 s; the default without a context would be 60 s.
        const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
        const crashed = charge({ ...order }, lambdaContext({ remainingMs: 20_000 }));
        await new Promise(setImmediate);
        jest.setSystemTime(start + 19_999);
        await expect(charge({ ...order }, lambdaContext())).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
        jest.setSystemTime(start + 20_001);
        const retry = charge({ ...order }, lambdaContext());
        await new Promise(setImmediate);
        expect(fn).toHaveBeenCalledTimes(2);
        held.open();
        await Promise.all([crashed, retry]);
        // The first call lost its claim to the retry, so only the retry stored its result.
        expect(warn).toHaveBeenCalledTimes(1);
        expect(String(warn.mock.calls[0]?.[0])).toContain('taken over');
      } finally {
        warn.mockRestore();
        jest.useRealTimers();
      }
    },
  },
  {
    name: 'without a Lambda context, inProgressExpiresAfterSeconds bounds the claim',
    async run({ build }) {
      jest.useFakeTimers(realTimersBut);
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const start = new Date('2026-01-01T00:00:00Z').getTime();
        jest.setSystemTime(start);
        const held = gate();
        const fn = jest.fn(async () => {
          await held.opened;
          return 'charged';
        });
        const config = new IdempotencyConfig({ inProgressExpiresAfterSeconds: 5 });
        const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer(), config });
        const crashed = charge({ ...order }, undefined as never);
        await new Promise(setImmediate);
        jest.setSystemTime(start + 4_999);
        await expect(charge({ ...order }, undefined as never)).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
        jest.setSystemTime(start + 5_001);
        const retry = charge({ ...order }, undefined as never);
        await new Promise(setImmediate);
        expect(fn).toHaveBeenCalledTimes(2);
        held.open();
        await Promise.all([crashed, retry]);
      } finally {
        warn.mockRestore();
        jest.useRealTimers();
      }
    },
  },
  {
    name: 'with renewInProgressLease and no Lambda context, a running call keeps its claim past the first lease',
    async run({ build }) {
      jest.useFakeTimers(realTimersBut);
      try {
        const start = new Date('2026-01-01T00:00:00Z').getTime();
        jest.setSystemTime(start);
        const store = new MemoryPersistenceLayer();
        const renew = jest.spyOn(store, 'renew');
        const held = gate();
        const fn = jest.fn(async () => {
          await held.opened;
          return 'charged';
        });
        // A lease of 30 ms renews every 10 ms of real time; the clock the records read is faked.
        const config = new IdempotencyConfig({ inProgressExpiresAfterSeconds: 0.03, renewInProgressLease: true });
        const charge = build(fn, { persistenceStore: store, config });
        const running = charge({ ...order }, undefined as never);
        jest.setSystemTime(start + 25);
        await calledTimes(renew, renew.mock.calls.length + 2);
        jest.setSystemTime(start + 50);
        await expect(charge({ ...order }, undefined as never)).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
        held.open();
        await expect(running).resolves.toBe('charged');
        expect(fn).toHaveBeenCalledTimes(1);
      } finally {
        jest.useRealTimers();
      }
    },
  },
];
