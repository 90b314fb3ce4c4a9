import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  type IdempotencyEvent,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  MemoryPersistenceLayer,
} from '@idem/core';
import { gate } from '../gate.js';
import { lambdaContext } from '../lambdaContext.js';
import { order, type Scenario } from './scenario.js';

/** What a call does: runs, replays, refuses, releases, whatever the lease. */
export const callScenarios: Scenario[] = [
  {
    name: 'the first call runs the function and returns its result',
    async run({ build }) {
      const fn = jest.fn(async (event: typeof order) => ({ charged: event.amount }));
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      await expect(charge({ ...order }, lambdaContext())).resolves.toEqual({ charged: 5 });
      expect(fn).toHaveBeenCalledTimes(1);
    },
  },
  {
    name: 'a repeat with the same payload replays the first result without running the function',
    async run({ build }) {
      let runs = 0;
      const fn = jest.fn(async () => ({ run: ++runs }));
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      await charge({ ...order }, lambdaContext());
      await expect(charge({ amount: 5, orderId: 'o-1' }, lambdaContext())).resolves.toEqual({ run: 1 });
      expect(fn).toHaveBeenCalledTimes(1);
    },
  },
  {
    name: 'of five concurrent duplicates one runs, four get IdempotencyAlreadyInProgressError, and a later call replays',
    async run({ build }) {
      const held = gate();
      const fn = jest.fn(async () => {
        await held.opened;
        return 'charged';
      });
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      const refusals: unknown[] = [];
      let refusedAll!: () => void;
      const allRefused = new Promise<void>((resolve) => (refusedAll = resolve));
      const calls = Array.from({ length: 5 }, () =>
        charge({ ...order }, lambdaContext()).catch((error: unknown) => {
          refusals.push(error);
          if (refusals.length === 4) refusedAll();
          return 'refused';
        })
      );
      await allRefused;
      held.open();
      expect((await Promise.all(calls)).sort()).toEqual(['charged', 'refused', 'refused', 'refused', 'refused']);
      for (const refusal of refusals) expect(refusal).toBeInstanceOf(IdempotencyAlreadyInProgressError);
      await expect(charge({ ...order }, lambdaContext())).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(1);
    },
  },
  {
    name: 'a function that throws releases the key: the error comes back unchanged and a retry runs',
    async run({ build }) {
      const declined = new Error('card declined');
      const fn = jest.fn().mockRejectedValueOnce(declined).mockResolvedValueOnce('charged');
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      await expect(charge({ ...order }, lambdaContext())).rejects.toBe(declined);
      await expect(charge({ ...order }, lambdaContext())).resolves.toBe('charged');
      await expect(charge({ ...order }, lambdaContext())).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(2);
    },
  },
  {
    name: 'a repeat whose validated fields differ gets IdempotencyValidationError and does not run',
    async run({ build }) {
      const fn = jest.fn(async () => 'charged');
      const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' });
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer(), config });
      await charge({ orderId: 'o-1', amount: 5 }, lambdaContext());
      await expect(charge({ orderId: 'o-1', amount: 500 }, lambdaContext())).rejects.toBeInstanceOf(IdempotencyValidationError);
      await expect(charge({ orderId: 'o-1', amount: 5 }, lambdaContext())).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(1);
    },
  },
  {
    name: 'a call refused as in progress leaves the running call its claim: it completes and its result replays',
    async run({ build }) {
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
      const held = gate();
      const fn = jest.fn(async () => {
        await held.opened;
        return 'charged';
      });
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      const running = charge({ ...order }, lambdaContext());
      await new Promise(setImmediate);
      const refused = await charge({ ...order }, lambdaContext()).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(IdempotencyAlreadyInProgressError);
      // The refused call must not have freed the key: a third call is refused too.
      await expect(charge({ ...order }, lambdaContext())).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
      held.open();
      await expect(running).resolves.toBe('charged');
      await expect(charge({ ...order }, lambdaContext())).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(1);
      expect(warn).not.toHaveBeenCalled();
      warn.mockRestore();
    },
  },
  {
    name: 'a function that returns undefined replays undefined and never runs again',
    async run({ build }) {
      const fn = jest.fn(async () => undefined);
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      await expect(charge({ ...order }, lambdaContext())).resolves.toBeUndefined();
      await expect(charge({ ...order }, lambdaContext())).resolves.toBeUndefined();
      await expect(charge({ ...order }, lambdaContext())).resolves.toBeUndefined();
      expect(fn).toHaveBeenCalledTimes(1);
    },
  },
  {
    name: 'a payload without a key runs every time and stores nothing',
    async run({ build }) {
      const fn = jest.fn(async () => 'charged');
      const store = new MemoryPersistenceLayer();
      const charge = build(fn, { persistenceStore: store, config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }) });
      await charge({ amount: 5 }, lambdaContext());
      await charge({ amount: 5 }, lambdaContext());
      expect(fn).toHaveBeenCalledTimes(2);
      expect(store.size).toBe(0);
    },
  },
  {
    name: 'a function that changes its event completes the key of the event it was given',
    async run({ build }) {
      const fn = jest.fn(async (event: { orderId: string }) => {
        event.orderId = 'rewritten';
        return 'charged';
      });
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      await charge({ ...order }, lambdaContext());
      await expect(charge({ ...order }, lambdaContext())).resolves.toBe('charged');
      expect(fn).toHaveBeenCalledTimes(1);
    },
  },
  {
    name: 'a result JSON cannot carry is refused with IdempotencyPersistenceLayerError and the key is freed',
    async run({ build }) {
      const fn = jest
        .fn()
        .mockResolvedValueOnce(new Map([['a', 1]]))
        .mockResolvedValueOnce({ a: 1 });
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer() });
      await expect(charge({ ...order }, lambdaContext())).rejects.toBeInstanceOf(IdempotencyPersistenceLayerError);
      await expect(charge({ ...order }, lambdaContext())).resolves.toEqual({ a: 1 });
      expect(fn).toHaveBeenCalledTimes(2);
    },
  },
  {
    name: 'with useLocalCache a repeat replays from the process without asking the store',
    async run({ build }) {
      const store = new MemoryPersistenceLayer();
      const claim = jest.spyOn(store, 'claim');
      const fn = jest.fn(async () => 'charged');
      const charge = build(fn, { persistenceStore: store, config: new IdempotencyConfig({ useLocalCache: true }) });
      await charge({ ...order }, lambdaContext());
      await expect(charge({ ...order }, lambdaContext())).resolves.toBe('charged');
      await expect(charge({ ...order }, lambdaContext())).resolves.toBe('charged');
      expect(claim).toHaveBeenCalledTimes(1);
      expect(fn).toHaveBeenCalledTimes(1);
    },
  },
  {
    name: 'onEvent hears the same steps: claimed and completed, replayed, claimed and released',
    async run({ build }) {
      const events: IdempotencyEvent['type'][] = [];
      const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', onEvent: (event) => events.push(event.type) });
      const fn = jest.fn(async (event: { fail?: boolean }) => {
        if (event.fail) throw new Error('card declined');
        return 'charged';
      });
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer(), config });
      await charge({ orderId: 'o-1' }, lambdaContext());
      await charge({ orderId: 'o-1' }, lambdaContext());
      await charge({ orderId: 'o-2', fail: true }, lambdaContext()).catch(() => undefined);
      expect(events).toEqual(['claimed', 'completed', 'replayed', 'claimed', 'released']);
    },
  },
  {
    name: 'keyScope keeps callers apart: the same order from another tenant runs, its own repeat replays',
    async run({ build }) {
      const config = new IdempotencyConfig({
        eventKeyJmesPath: 'orderId',
        keyScope: (payload) => (payload as { tenant: string }).tenant,
      });
      const fn = jest.fn(async (event: { tenant: string }) => `charged for ${event.tenant}`);
      const charge = build(fn, { persistenceStore: new MemoryPersistenceLayer(), config });
      await expect(charge({ orderId: 'o-1', tenant: 'acme' }, lambdaContext())).resolves.toBe('charged for acme');
      await expect(charge({ orderId: 'o-1', tenant: 'globex' }, lambdaContext())).resolves.toBe('charged for globex');
      await expect(charge({ orderId: 'o-1', tenant: 'acme' }, lambdaContext())).resolves.toBe('charged for acme');
      expect(fn).toHaveBeenCalledTimes(2);
    },
  },
];
