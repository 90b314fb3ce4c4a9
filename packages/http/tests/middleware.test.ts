import { MemoryPersistenceLayer } from '@idem/core';
import { type HttpResponse, IdempotencyHttpEventError, makeHttpIdempotent } from '@idem/http';
import { httpIdempotency } from '@idem/http/middy';
import middyNewest from 'middy-newest';
import middyOldest from 'middy-oldest';
import { eventSources, header, httpEvent, lambdaContext } from './support/events.js';
import { created, deferred } from './support/harness.js';

const rest = eventSources[0]!;

// Both ends of the peer range; the calls below are the same for both, so one signature types them.
describe.each([
  ['6.0.0', middyOldest as unknown as typeof middyNewest],
  ['7', middyNewest],
] as const)('the httpIdempotency middleware in a Middy %s chain', (_version, middy) => {
  it('onError frees only the claim of its own request: a failure elsewhere leaves a running request holding its key', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const gate = deferred();
    const entered = deferred();
    let calls = 0;
    const handler = middy(async () => {
      calls++;
      entered.resolve();
      await gate.promise;
      return created({ n: calls, event: {} });
    })
      .use({
        before: async (request) => {
          if (request.event.headers?.['X-Fail']) throw new Error('rate limiter failed');
        },
      })
      .use(httpIdempotency({ persistenceStore, keyPrefix: 'orders' }));

    const running = handler(httpEvent(rest, { key: 'k-1' }), lambdaContext('req-1'));
    await entered.promise;
    const failing = httpEvent(rest, { key: 'k-1' });
    failing.headers['X-Fail'] = '1';
    await expect(handler(failing, lambdaContext('req-2'))).rejects.toThrow('rate limiter failed');

    const third = (await handler(httpEvent(rest, { key: 'k-1' }), lambdaContext('req-3'))) as HttpResponse;
    expect(third.statusCode).toBe(409);
    gate.resolve();
    expect(((await running) as HttpResponse).statusCode).toBe(201);
    expect(calls).toBe(1);
  });

  it('an error thrown after the handler, by an inner middleware, frees the key so the client can retry', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    let calls = 0;
    let failAfter = true;
    const handler = middy(async () => created({ n: ++calls, event: {} }))
      .use(httpIdempotency({ persistenceStore, keyPrefix: 'orders' }))
      .use({
        after: async () => {
          if (failAfter) throw new Error('response validation failed');
        },
      });
    await expect(handler(httpEvent(rest), lambdaContext())).rejects.toThrow('response validation failed');
    failAfter = false;
    expect(((await handler(httpEvent(rest), lambdaContext())) as HttpResponse).statusCode).toBe(201);
    expect(calls).toBe(2);
  });

  it('a replay returns early: the inner middlewares and the handler do not run', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const seen: string[] = [];
    const handler = middy(async () => {
      seen.push('handler');
      return created({ n: 1, event: {} });
    })
      .use(httpIdempotency({ persistenceStore, keyPrefix: 'orders' }))
      .use({ before: async () => void seen.push('inner before'), after: async () => void seen.push('inner after') });
    await handler(httpEvent(rest), lambdaContext());
    seen.length = 0;
    const replay = (await handler(httpEvent(rest), lambdaContext())) as HttpResponse;
    expect(header(replay, 'idempotent-replayed')).toBe('true');
    expect(seen).toEqual([]);
  });

  it('sees the final response of the inner middlewares, so what they add to it is what replays', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const handler = middy(async () => ({ statusCode: 201, body: '{"orderId":1}' }))
      .use(httpIdempotency({ persistenceStore, keyPrefix: 'orders' }))
      .use({
        after: async (request) => {
          request.response.headers = { ...request.response.headers, 'Content-Type': 'application/json' };
        },
      });
    await handler(httpEvent(rest), lambdaContext());
    expect(header((await handler(httpEvent(rest), lambdaContext())) as HttpResponse, 'content-type')).toBe('application/json');
  });
});

describe.each([
  [
    'makeHttpIdempotent',
    (options: { persistenceStore: MemoryPersistenceLayer }) => makeHttpIdempotent(async () => ({ statusCode: 200 }), options),
  ],
  [
    'httpIdempotency',
    (options: { persistenceStore: MemoryPersistenceLayer }) =>
      middyNewest(async () => ({ statusCode: 200 })).use(httpIdempotency(options)),
  ],
] as const)('%s given an event that is no HTTP request', (_, build) => {
  it.each([
    ['an SQS batch', { Records: [{ messageId: 'm-1', body: '{}', eventSource: 'aws:sqs' }] }],
    ['a scheduled event', { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} }],
    ['nothing', undefined],
  ])('throws IdempotencyHttpEventError for %s', async (__, event) => {
    const handler = build({ persistenceStore: new MemoryPersistenceLayer() });
    await expect(handler(event as never, lambdaContext() as never)).rejects.toThrow(IdempotencyHttpEventError);
  });
});
