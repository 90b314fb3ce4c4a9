import type { IdempotencyEvent } from '@idem/core';
import { bodyText, header } from '../events.js';
import { created } from '../harness.js';
import { expectProblem, problemOf, type Scenario } from './scenario.js';

/** How replays and problems are shaped for each event source. */
export const responseScenarios: Scenario[] = [
  {
    name: 'a base64-encoded response is stored and replayed still encoded',
    async run({ api }) {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).toString('base64');
      const orders = api({}, () => ({
        statusCode: 201,
        headers: { 'content-type': 'image/png' },
        body: png,
        isBase64Encoded: true,
      }));
      await orders.send();
      const replay = await orders.send();
      expect(replay.body).toBe(png);
      expect(replay.isBase64Encoded).toBe(true);
      expect(header(replay, 'content-type')).toBe('image/png');
    },
  },
  {
    name: 'a binary request body is fingerprinted byte for byte: the same bytes replay, one byte changed gets 422',
    async run({ api }) {
      const orders = api();
      expect((await orders.send({ binaryBody: new Uint8Array([0xff, 0x00, 0x01]) })).statusCode).toBe(201);
      expect(header(await orders.send({ binaryBody: new Uint8Array([0xff, 0x00, 0x01]) }), 'idempotent-replayed')).toBe('true');
      expectProblem(await orders.send({ binaryBody: new Uint8Array([0xff, 0x00, 0x02]) }), 422, 'idempotency-key-reused');
      expect(orders.calls).toBe(1);
    },
  },
  {
    name: 'a body over maxStoredBodyBytes is sent whole but not stored: the key is freed and responseNotStored says why',
    async run({ api }) {
      const events: IdempotencyEvent[] = [];
      const large = 'x'.repeat(2048);
      const orders = api({ maxStoredBodyBytes: 1024, onEvent: (event) => events.push(event) }, ({ n }) => ({
        statusCode: 201,
        headers: { 'Content-Type': 'text/plain' },
        body: n === 1 ? large : 'small',
      }));
      expect(bodyText(await orders.send())).toBe(large);
      expect(events).toContainEqual(expect.objectContaining({ type: 'responseNotStored', reason: 'tooLarge' }));
      expect(bodyText(await orders.send())).toBe('small');
      expect(header(await orders.send(), 'idempotent-replayed')).toBe('true');
      expect(orders.calls).toBe(2);
    },
  },
  {
    name: 'problemTypeUri names the documentation in the problem type, its title and a Link header',
    async run({ api }) {
      const orders = api({ problemTypeUri: 'https://api.example.com/docs/idempotency' });
      const response = await orders.send({ key: null });
      expect(problemOf(response)).toMatchObject({
        type: 'https://api.example.com/docs/idempotency',
        title: 'Idempotency-Key is missing',
        status: 400,
      });
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
