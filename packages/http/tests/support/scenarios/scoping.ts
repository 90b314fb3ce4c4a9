import { header } from '../events.js';
import { created, deferred } from '../harness.js';
import { expectProblem, type Scenario } from './scenario.js';

/** What makes two requests the same one: caller, method, path, key and fingerprint; and a request in progress. */
export const fingerprintAndConcurrencyScenarios: Scenario[] = [
  {
    name: 'the same key with a different body gets a 422 problem',
    async run({ api }) {
      const orders = api();
      await orders.send({ body: '{"sku":"book-42","quantity":1}' });
      const reused = await orders.send({ body: '{"sku":"book-42","quantity":2}' });
      expectProblem(reused, 422, 'idempotency-key-reused');
      expect(orders.calls).toBe(1);
    },
  },
  {
    name: 'fingerprintJmesPath: a change outside the selection replays, a change inside it gets 422',
    async run({ api }) {
      const orders = api({ fingerprintJmesPath: '[sku, quantity]' });
      await orders.send({ body: '{"sku":"book-42","quantity":1,"note":"gift"}' });
      const replay = await orders.send({ body: '{"quantity":1,"sku":"book-42","note":"no gift"}' });
      expect(header(replay, 'idempotent-replayed')).toBe('true');
      expectProblem(await orders.send({ body: '{"sku":"book-42","quantity":3}' }), 422, 'idempotency-key-reused');
      expect(orders.calls).toBe(1);
    },
  },
  {
    name: 'the same key while the first request still runs gets 409 with Retry-After; once it finished, a retry replays',
    async run({ api }) {
      const gate = deferred();
      const entered = deferred();
      const orders = api({ retryAfterSeconds: 2 }, async (call) => {
        entered.resolve();
        await gate.promise;
        return created(call);
      });
      const first = orders.send();
      await entered.promise;
      const concurrent = await orders.send();
      expectProblem(concurrent, 409, 'idempotency-key-in-progress');
      expect(header(concurrent, 'retry-after')).toBe('2');
      gate.resolve();
      expect((await first).statusCode).toBe(201);
      expect(header(await orders.send(), 'idempotent-replayed')).toBe('true');
      expect(orders.calls).toBe(1);
    },
  },
  {
    name: "two callers using the same key value never see each other's responses",
    async run({ api }) {
      const orders = api({}, ({ n }) => ({ statusCode: 201, body: `order ${n}` }));
      const alice = await orders.send({ caller: 'alice', key: 'k-shared' });
      const bob = await orders.send({ caller: 'bob', key: 'k-shared', body: '{"sku":"other","quantity":9}' });
      expect(bob.statusCode).toBe(201);
      expect(bob.body).not.toBe(alice.body);
      expect(header(bob, 'idempotent-replayed')).toBeUndefined();
      expect((await orders.send({ caller: 'alice', key: 'k-shared' })).body).toBe(alice.body);
      expect((await orders.send({ caller: 'bob', key: 'k-shared', body: '{"sku":"other","quantity":9}' })).body).toBe(bob.body);
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: "a caller cannot block another caller's key while its own request runs",
    async run({ api }) {
      const gate = deferred();
      const orders = api({}, async (call) => {
        if (call.n === 1) await gate.promise;
        return created(call);
      });
      const alice = orders.send({ caller: 'alice', key: 'k-shared' });
      const bob = await orders.send({ caller: 'bob', key: 'k-shared' });
      expect(bob.statusCode).toBe(201);
      gate.resolve();
      expect((await alice).statusCode).toBe(201);
    },
  },
  {
    name: 'the same key on another path or with another method is another request',
    async run({ api }) {
      const orders = api();
      await orders.send({ path: '/orders', key: 'k-1' });
      await orders.send({ path: '/refunds', key: 'k-1' });
      await orders.send({ path: '/orders', method: 'PATCH', key: 'k-1' });
      expect(orders.calls).toBe(3);
    },
  },
  {
    name: 'without a caller identity, anonymous callers share one key space (why callerIdentity matters)',
    async run({ api }) {
      const orders = api({ callerIdentity: () => undefined });
      await orders.send({ caller: 'alice', key: 'k-guessable' });
      const other = await orders.send({ caller: 'bob', key: 'k-guessable' });
      expect(header(other, 'idempotent-replayed')).toBe('true');
    },
  },
];
