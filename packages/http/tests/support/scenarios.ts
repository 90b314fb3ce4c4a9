import type { HttpResponse } from '@idem/http';
import { bodyText, header } from './events.js';
import { created, deferred, type ScenarioContext } from './harness.js';

/** One rule, checked the same way through the wrapper and the middleware, on every event source it applies to. */
export interface Scenario {
  name: string;
  appliesTo?: (context: ScenarioContext) => boolean;
  run(context: ScenarioContext): Promise<void>;
}

const problemOf = (response: HttpResponse) => JSON.parse(response.body ?? '{}') as Record<string, unknown>;

function expectProblem(response: HttpResponse, status: number, code: string): Record<string, unknown> {
  expect(response.statusCode).toBe(status);
  expect(header(response, 'content-type')).toBe('application/problem+json');
  expect(header(response, 'cache-control')).toBe('no-store');
  const problem = problemOf(response);
  expect(problem).toEqual({ type: 'about:blank', title: expect.any(String), status, detail: expect.any(String), code });
  return problem;
}

export const scenarios: Scenario[] = [
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
      for (const key of ['', '   ', 'k'.repeat(256), '"k'.padEnd(258, 'k') + '"', '"unterminated', '"a\\qb"', 'has space', '"two" "strings"', 'é-key']) {
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
    name: 'a thrown error frees the key and reaches the caller unchanged',
    async run({ api }) {
      const failure = new Error('card network down');
      const orders = api({}, (call) => {
        if (call.n === 1) throw failure;
        return created(call);
      });
      await expect(orders.send()).rejects.toBe(failure);
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
      const orders = api({ shouldStore: (status) => status < 300 }, (call) => (call.n === 1 ? { statusCode: 404, body: 'no such product' } : created(call)));
      expect((await orders.send()).statusCode).toBe(404);
      expect((await orders.send()).statusCode).toBe(201);
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: 'two callers using the same key value never see each other\'s responses',
    async run({ api }) {
      const orders = api({}, ({ n, event }) => ({ statusCode: 201, body: `order ${n} for ${JSON.stringify(event.requestContext?.authorizer ?? event.headers?.['x-amzn-oidc-identity'] ?? event.multiValueHeaders?.['x-amzn-oidc-identity'])}` }));
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
    name: 'a caller cannot block another caller\'s key while its own request runs',
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
    name: 'a base64-encoded response is stored and replayed still encoded',
    async run({ api }) {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
      const orders = api({}, () => ({ statusCode: 201, headers: { 'content-type': 'image/png' }, body: png, isBase64Encoded: true }));
      await orders.send();
      const replay = await orders.send();
      expect(replay.body).toBe(png);
      expect(replay.isBase64Encoded).toBe(true);
      expect(header(replay, 'content-type')).toBe('image/png');
    },
  },
  {
    name: 'problemTypeUri names the documentation in the problem type, its title and a Link header',
    async run({ api }) {
      const orders = api({ problemTypeUri: 'https://api.example.com/docs/idempotency' });
      const response = await orders.send({ key: null });
      expect(problemOf(response)).toMatchObject({ type: 'https://api.example.com/docs/idempotency', title: 'Idempotency-Key is missing', status: 400 });
      expect(header(response, 'link')).toBe('<https://api.example.com/docs/idempotency>; rel="describedby"');
    },
  },
  {
    name: 'keyHeader and replayHeaders are configurable',
    async run({ api }) {
      const orders = api({ keyHeader: 'X-Request-Key', replayHeaders: ['x-request-id'] });
      expectProblem(await orders.send({ key: null }), 400, 'idempotency-key-missing');
      await orders.send({ key: null, keyHeaderName: 'x-request-key' });
      await orders.send({ key: 'k-x', keyHeaderName: 'X-Request-Key' });
      const replay = await orders.send({ key: 'k-x', keyHeaderName: 'X-Request-Key' });
      expect(header(replay, 'x-request-id')).toBe('r1');
      expect(header(replay, 'location')).toBeUndefined();
    },
  },
  {
    name: 'a stored response replays until expiresAfterSeconds, then the key runs again',
    async run({ api }) {
      jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
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
    name: 'without a caller identity, anonymous callers share one key space (why callerIdentity matters)',
    async run({ api }) {
      const orders = api({ callerIdentity: () => undefined });
      await orders.send({ caller: 'alice', key: 'k-guessable' });
      const other = await orders.send({ caller: 'bob', key: 'k-guessable' });
      expect(header(other, 'idempotent-replayed')).toBe('true');
    },
  },
  {
    name: 'a handler result without statusCode is the 200 JSON response HTTP APIs and Function URLs infer, and replays as such',
    appliesTo: ({ source }) => /HTTP API|Function URL/.test(source.name),
    async run({ api }) {
      const orders = api({}, ({ n }) => ({ orderId: n }));
      expect(await orders.send()).toEqual({ orderId: 1 });
      const replay = await orders.send();
      expect(replay).toMatchObject({ statusCode: 200, body: '{"orderId":1}' });
      expect(header(replay, 'content-type')).toBe('application/json');
    },
  },
  {
    name: 'cookies an HTTP API or Function URL handler returns in `cookies` are never replayed',
    appliesTo: ({ source }) => /HTTP API|Function URL/.test(source.name),
    async run({ api }) {
      const orders = api({}, (call) => ({ ...(created(call) as object), cookies: ['session=s1; HttpOnly'] }));
      expect(await orders.send()).toMatchObject({ cookies: ['session=s1; HttpOnly'] });
      const replay = await orders.send();
      expect(replay).not.toHaveProperty('cookies');
      expect(header(replay, 'idempotent-replayed')).toBe('true');
    },
  },
  {
    name: 'a shouldStore that throws frees the key before the error reaches the caller',
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
    name: 'ALB responses carry a status line text, and with multi-value headers on only multiValueHeaders',
    appliesTo: ({ source }) => source.name.startsWith('ALB'),
    async run({ api, source }) {
      const orders = api();
      await orders.send();
      const replay = await orders.send();
      expect(replay.statusDescription).toBe('201 Created');
      const problem = await orders.send({ key: null });
      expect(problem.statusDescription).toBe('400 Bad Request');
      const multiValue = source.repeatedHeaders === 'separate';
      for (const response of [replay, problem]) {
        expect(response.headers === undefined).toBe(multiValue);
        expect(response.multiValueHeaders === undefined).toBe(!multiValue);
      }
    },
  },
];
