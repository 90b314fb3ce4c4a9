import { IdempotencyConfig, MemoryPersistenceLayer } from '@idem/core';
import { makeHandlerIdempotent } from '@idem/middy';
import httpErrorHandler from '@middy/http-error-handler';
import type middyNewest from 'middy-newest';
import { gate } from './support/gate.js';
import { lambdaContext } from './support/lambdaContext.js';
import { middyMajors } from './support/subjects.js';

// The order docs/middy.md recommends: the real http-error-handler first, so its onError turns
// what the idempotency middleware lets through into a response.
describe.each(middyMajors)('behind @middy/http-error-handler on $name', ({ middy: anyMajor }) => {
  const middy = anyMajor as typeof middyNewest;

  it('a duplicate that arrives while the first call runs is a 409 with Retry-After, not a bare 500', async () => {
    const held = gate();
    let runs = 0;
    const handler = middy(async () => {
      runs++;
      await held.opened;
      return { statusCode: 201, body: '{"chargeId":"ch_1"}' };
    })
      .use(httpErrorHandler({ logger: false }))
      .use(
        makeHandlerIdempotent({
          persistenceStore: new MemoryPersistenceLayer(),
          config: new IdempotencyConfig({ eventKeyJmesPath: 'body' }),
        })
      );
    const event = { body: '{"orderId":"o-1"}' };

    const first = handler(event as never, lambdaContext() as never);
    await new Promise(setImmediate);
    const duplicate = (await handler(event as never, lambdaContext() as never)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['Retry-After']).toBe('1');
    expect(duplicate.body).toMatch(/already in progress/);

    held.open();
    expect(await first).toEqual({ statusCode: 201, body: '{"chargeId":"ch_1"}' });
    expect(runs).toBe(1);
  });
});
