import { IdempotencyConfig, IdempotencyKeyError, MemoryPersistenceLayer } from '@idem/core';
import { makeHandlerIdempotent } from '@idem/middy';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import type middyNewest from 'middy-newest';
import { lambdaContext } from './support/lambdaContext.js';
import { middyMajors } from './support/subjects.js';

/** The same order twice, as API Gateway delivers it: JSON text that differs in spacing and key order. */
const deliveries = [
  { headers: { 'Content-Type': 'application/json' }, body: '{"orderId":"o-1","amount":5}' },
  { headers: { 'Content-Type': 'application/json' }, body: '{ "amount": 5, "orderId": "o-1" }' },
];

describe.each(middyMajors)('beside @middy/http-json-body-parser on $name', ({ middy: anyMajor }) => {
  const middy = anyMajor as typeof middyNewest;

  async function deliverTwice(config: IdempotencyConfig, order: 'parser first' | 'idempotency first') {
    const fn = jest.fn(async (event: { body: unknown }) => ({ received: event.body }));
    const idempotency = makeHandlerIdempotent({ persistenceStore: new MemoryPersistenceLayer(), config });
    const handler = middy(fn as never);
    if (order === 'parser first') handler.use(httpJsonBodyParser()).use(idempotency);
    else handler.use(idempotency).use(httpJsonBodyParser());
    const results = [];
    for (const delivery of deliveries) {
      results.push(await handler(structuredClone(delivery) as never, lambdaContext() as never));
    }
    return { results, runs: fn.mock.calls.length };
  }

  it('used after the parser, a key on parsed body fields matches however the JSON was written', async () => {
    const { results, runs } = await deliverTwice(new IdempotencyConfig({ eventKeyJmesPath: 'body.orderId' }), 'parser first');
    expect(runs).toBe(1);
    expect(results[1]).toEqual({ received: { orderId: 'o-1', amount: 5 } });
  });

  it('used before the parser, the key reads the raw body with powertools_json', async () => {
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'powertools_json(body).orderId' });
    const { results, runs } = await deliverTwice(config, 'idempotency first');
    expect(runs).toBe(1);
    expect(results[1]).toEqual({ received: { orderId: 'o-1', amount: 5 } });
  });

  it('used before the parser with a key on parsed fields, throwOnNoIdempotencyKey shows the misplacement', async () => {
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'body.orderId', throwOnNoIdempotencyKey: true });
    await expect(deliverTwice(config, 'idempotency first')).rejects.toBeInstanceOf(IdempotencyKeyError);
  });
});
