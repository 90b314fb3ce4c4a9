import type { IdempotencyEvent } from '@idem/core';
import { header } from '../events.js';
import { created } from '../harness.js';
import type { Scenario } from './scenario.js';

/** Which outcomes are stored and replayed, and which free the key. */
export const outcomeScenarios: Scenario[] = [
  {
    name: 'a 5xx response frees the key: the retry runs the handler again',
    async run({ api }) {
      const orders = api({}, (call) => (call.n === 1 ? { statusCode: 503, body: 'try later' } : created(call)));
      expect((await orders.send()).statusCode).toBe(503);
      const retry = await orders.send();
      expect(retry.statusCode).toBe(201);
      expect(header(retry, 'idempotent-replayed')).toBeUndefined();
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: "a thrown error frees the key and reaches the caller as the front end's own failure",
    async run({ api, expectHandlerError }) {
      const failure = new Error('card network down');
      const orders = api({}, (call) => {
        if (call.n === 1) throw failure;
        return created(call);
      });
      await expectHandlerError(orders.send(), failure);
      expect((await orders.send()).statusCode).toBe(201);
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: 'a 4xx response is final: it is replayed, as are 3xx',
    async run({ api }) {
      const orders = api({}, ({ n }) => ({ statusCode: n === 1 ? 402 : 303, body: `outcome ${n}` }));
      await orders.send({ key: 'k-402' });
      const replay = await orders.send({ key: 'k-402' });
      expect(replay.statusCode).toBe(402);
      expect(replay.body).toBe('outcome 1');
      await orders.send({ key: 'k-303' });
      expect((await orders.send({ key: 'k-303' })).body).toBe('outcome 2');
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: '429 asks the client to try again, so by default it frees the key',
    async run({ api }) {
      const orders = api({}, (call) => (call.n === 1 ? { statusCode: 429, body: 'slow down' } : created(call)));
      await orders.send();
      expect((await orders.send()).statusCode).toBe(201);
    },
  },
  {
    name: 'shouldStore decides which outcomes are final',
    async run({ api }) {
      const orders = api({ shouldStore: (status) => status < 300 }, (call) =>
        call.n === 1 ? { statusCode: 404, body: 'no such product' } : created(call)
      );
      expect((await orders.send()).statusCode).toBe(404);
      expect((await orders.send()).statusCode).toBe(201);
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: 'a stored response replays until expiresAfterSeconds, then the key runs again',
    async run({ api }) {
      jest.useFakeTimers({
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
      });
      try {
        jest.setSystemTime(new Date('2026-11-26T16:30:00Z'));
        const orders = api({ expiresAfterSeconds: 600 });
        await orders.send();
        jest.setSystemTime(new Date('2026-11-26T16:39:59Z'));
        expect(header(await orders.send(), 'idempotent-replayed')).toBe('true');
        jest.setSystemTime(new Date('2026-11-26T16:40:00Z'));
        expect(header(await orders.send(), 'idempotent-replayed')).toBeUndefined();
        expect(orders.calls).toBe(2);
      } finally {
        jest.useRealTimers();
      }
    },
  },
  {
    name: 'a shouldStore that throws frees the key before the error reaches the caller',
    appliesTo: ({ storeFailureAfterHandler }) => storeFailureAfterHandler === 'throw',
    async run({ api }) {
      let policyFails = true;
      const orders = api({
        shouldStore: () => {
          if (policyFails) throw new Error('policy bug');
          return true;
        },
      });
      await expect(orders.send()).rejects.toThrow('policy bug');
      policyFails = false;
      expect((await orders.send()).statusCode).toBe(201);
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: 'a shouldStore that throws on a server: the response is sent, the key freed, and responseNotStored says why',
    appliesTo: ({ storeFailureAfterHandler }) => storeFailureAfterHandler === 'report',
    async run({ api }) {
      let policyFails = true;
      const events: IdempotencyEvent[] = [];
      const orders = api({
        onEvent: (event) => events.push(event),
        shouldStore: () => {
          if (policyFails) throw new Error('policy bug');
          return true;
        },
      });
      expect((await orders.send()).statusCode).toBe(201);
      expect(events).toContainEqual(expect.objectContaining({ type: 'responseNotStored', reason: 'error', errorName: 'Error' }));
      policyFails = false;
      expect(header(await orders.send(), 'idempotent-replayed')).toBeUndefined();
      expect(orders.calls).toBe(2);
    },
  },
];
