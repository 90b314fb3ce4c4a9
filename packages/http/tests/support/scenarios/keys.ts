import { bodyText, header } from '../events.js';
import { expectProblem, type Scenario } from './scenario.js';

/** The key: where it is read, its forms, its validation, and which methods need it. */
export const keyScenarios: Scenario[] = [
  {
    name: 'a retry with the same key replays the stored status, body and allowlisted headers, marked Idempotent-Replayed, without running the handler',
    async run({ api }) {
      const orders = api();
      const first = await orders.send();
      expect(first.statusCode).toBe(201);
      expect(header(first, 'set-cookie')).toBe('session=s1; HttpOnly');
      expect(header(first, 'idempotent-replayed')).toBeUndefined();

      const retry = await orders.send();
      expect(orders.calls).toBe(1);
      expect(retry.statusCode).toBe(201);
      expect(bodyText(retry)).toBe('{"orderId":1}');
      expect(header(retry, 'content-type')).toBe('application/json');
      expect(header(retry, 'location')).toBe('/orders/1');
      expect(header(retry, 'idempotent-replayed')).toBe('true');
      expect(header(retry, 'set-cookie')).toBeUndefined();
      expect(header(retry, 'x-request-id')).toBeUndefined();
    },
  },
  {
    name: 'the quoted structured-field string and the bare token are the same key',
    async run({ api }) {
      const orders = api();
      await orders.send({ key: '"order-7f3a"' });
      const retry = await orders.send({ key: 'order-7f3a' });
      expect(orders.calls).toBe(1);
      expect(header(retry, 'idempotent-replayed')).toBe('true');
    },
  },
  {
    name: 'the header is found whatever the case of its name',
    async run({ api }) {
      const orders = api();
      await orders.send({ key: 'k-1', keyHeaderName: 'IDEMPOTENCY-KEY' });
      const retry = await orders.send({ key: 'k-1', keyHeaderName: 'idempotency-key' });
      expect(orders.calls).toBe(1);
      expect(retry.statusCode).toBe(201);
    },
  },
  {
    name: 'another key is another request: the handler runs again',
    async run({ api }) {
      const orders = api();
      await orders.send({ key: 'k-1' });
      const other = await orders.send({ key: 'k-2' });
      expect(orders.calls).toBe(2);
      expect(bodyText(other)).toBe('{"orderId":2}');
    },
  },
  {
    name: 'a POST without the key gets a 400 problem and the handler does not run',
    async run({ api }) {
      const orders = api();
      const response = await orders.send({ key: null });
      const problem = expectProblem(response, 400, 'idempotency-key-missing');
      expect(problem.title).toBe('Bad Request');
      expect(problem.detail).toContain('Idempotency-Key');
      expect(orders.calls).toBe(0);
    },
  },
  {
    name: 'PATCH requires a key too',
    async run({ api }) {
      const orders = api();
      expectProblem(await orders.send({ method: 'PATCH', key: null }), 400, 'idempotency-key-missing');
      expect(orders.calls).toBe(0);
    },
  },
  {
    name: 'a GET passes through without idempotency, even when it carries a key',
    async run({ api }) {
      const orders = api({}, ({ n }) => ({ statusCode: 200, body: `read ${n}` }));
      await orders.send({ method: 'GET', body: null });
      const again = await orders.send({ method: 'GET', body: null });
      expect(orders.calls).toBe(2);
      expect(again.body).toBe('read 2');
      expect(header(again, 'idempotent-replayed')).toBeUndefined();
      expect((await orders.send({ method: 'GET', body: null, key: null })).statusCode).toBe(200);
    },
  },
  {
    name: 'methods and requireKey are configurable: with requireKey false a POST without a key runs without idempotency',
    async run({ api }) {
      const orders = api({ methods: ['post', 'PUT'], requireKey: false });
      await orders.send({ key: null });
      await orders.send({ key: null });
      expect(orders.calls).toBe(2);
      await orders.send({ method: 'PUT', key: 'k-put' });
      await orders.send({ method: 'PUT', key: 'k-put' });
      expect(orders.calls).toBe(3);
      await orders.send({ method: 'PATCH', key: null });
      expect(orders.calls).toBe(4);
    },
  },
  {
    name: 'an empty, too long, unterminated or badly escaped key, or one with characters outside the pattern, gets 400',
    async run({ api }) {
      const orders = api();
      for (const key of [
        '',
        '   ',
        'k'.repeat(256),
        `${'"k'.padEnd(258, 'k')}"`,
        '"unterminated',
        '"a\\qb"',
        'has space',
        '"two" "strings"',
        'é-key',
      ]) {
        expectProblem(await orders.send({ key }), 400, 'idempotency-key-invalid');
      }
      expect((await orders.send({ key: 'k'.repeat(255) })).statusCode).toBe(201);
      expect(orders.calls).toBe(1);
    },
  },
  {
    name: 'minKeyLength, maxKeyLength and keyPattern set the accepted keys',
    async run({ api }) {
      const orders = api({ minKeyLength: 36, maxKeyLength: 36, keyPattern: /^[0-9a-f-]+$/ });
      expectProblem(await orders.send({ key: 'short' }), 400, 'idempotency-key-invalid');
      expectProblem(await orders.send({ key: '8E03978E-40D5-43E8-BC93-6894A57F9324' }), 400, 'idempotency-key-invalid');
      expect((await orders.send({ key: '8e03978e-40d5-43e8-bc93-6894a57f9324' })).statusCode).toBe(201);
    },
  },
  {
    name: 'more than one Idempotency-Key field gets 400',
    appliesTo: ({ source }) => source.repeatedHeaders !== 'last',
    async run({ api }) {
      const orders = api();
      expectProblem(await orders.send({ key: ['k-1', 'k-2'] }), 400, 'idempotency-key-invalid');
      expectProblem(await orders.send({ key: ['"k-1"', '"k-2"'] }), 400, 'idempotency-key-invalid');
      expect(orders.calls).toBe(0);
    },
  },
  {
    name: 'with IDEM_DISABLED set, keys are still validated, then every request runs',
    async run({ api }) {
      process.env.IDEM_DISABLED = 'true';
      try {
        const orders = api();
        await orders.send();
        expect(header(await orders.send(), 'idempotent-replayed')).toBeUndefined();
        expect(orders.calls).toBe(2);
        expectProblem(await orders.send({ key: 'k'.repeat(256) }), 400, 'idempotency-key-invalid');
      } finally {
        delete process.env.IDEM_DISABLED;
      }
    },
  },
];
