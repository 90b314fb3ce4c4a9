import { IdempotencyConfig, IdempotencyConfigurationError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './helpers/lambdaContext.js';

describe('what the wrapped function receives', () => {
  it('this is preserved when the wrapped function is called as a method', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const gateway = {
      currency: 'EUR',
      charge: makeIdempotent(
        async function (this: { currency: string }, order: { amount: number }) {
          return `${order.amount} ${this.currency}`;
        },
        { persistenceStore }
      ),
    };

    await expect(gateway.charge({ amount: 42 })).resolves.toBe('42 EUR');
  });

  it('every argument reaches the function, unchanged', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const fn = jest.fn(async (_order: object, _options: object, _attempt: number) => 'ok');
    const idempotentFn = makeIdempotent(fn, { persistenceStore });
    const order = { orderId: 'o-1' };
    const options = { dryRun: false };

    await idempotentFn(order, options, 3);
    expect(fn).toHaveBeenCalledWith(order, options, 3);
    expect(fn.mock.calls[0]?.[0]).toBe(order);
  });

  it('for a Lambda handler the key is the event alone, whatever the context', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const handler = jest.fn(async (event: { orderId: string }, context: Context) => ({
      statusCode: 200,
      body: `${event.orderId} by ${context.awsRequestId}`,
    }));
    const idempotentHandler = makeIdempotent(handler, { persistenceStore });

    const first = await idempotentHandler({ orderId: 'o-1' }, { ...lambdaContext(5_000), awsRequestId: 'request-1' });
    const retry = await idempotentHandler({ orderId: 'o-1' }, { ...lambdaContext(9_000), awsRequestId: 'request-2' });

    expect(retry).toEqual(first);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]?.[1].awsRequestId).toBe('request-1');
  });

  it('for other functions the payload is the first argument by default, the others are not part of the key', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const processRecord = jest.fn(async (record: { id: string }, userId: string) => `${record.id} for ${userId}`);
    const idempotentProcess = makeIdempotent(processRecord, { persistenceStore });

    await idempotentProcess({ id: 'r-1' }, 'alice');
    await expect(idempotentProcess({ id: 'r-1' }, 'bob')).resolves.toBe('r-1 for alice');
    expect(processRecord).toHaveBeenCalledTimes(1);
  });

  it('dataIndexArgument chooses which argument is the payload', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const processRecord = jest.fn(async (record: { id: string }, userId: string) => `${record.id} for ${userId}`);
    const idempotentProcess = makeIdempotent(processRecord, { persistenceStore, dataIndexArgument: 1 });

    await idempotentProcess({ id: 'r-1' }, 'alice');
    await expect(idempotentProcess({ id: 'r-2' }, 'alice')).resolves.toBe('r-1 for alice');
    await expect(idempotentProcess({ id: 'r-1' }, 'bob')).resolves.toBe('r-1 for bob');
    expect(processRecord).toHaveBeenCalledTimes(2);
  });

  it('eventKeyJmesPath applies to the argument chosen by dataIndexArgument', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const processRecord = jest.fn(async (_tenant: string, record: { id: string; seenAt: number }) => record.id);
    const idempotentProcess = makeIdempotent(processRecord, {
      persistenceStore,
      dataIndexArgument: 1,
      config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }),
    });

    await idempotentProcess('t-1', { id: 'r-1', seenAt: 1 });
    await idempotentProcess('t-2', { id: 'r-1', seenAt: 2 });
    expect(processRecord).toHaveBeenCalledTimes(1);
  });

  it.each([-1, 1.5, Number.NaN])(
    'dataIndexArgument %p is refused when wrapping, with IdempotencyConfigurationError naming it',
    (dataIndexArgument) => {
      const persistenceStore = new MemoryPersistenceLayer();
      const wrap = () =>
        makeIdempotent(async (record: { id: string }, _userId: string) => record.id, { persistenceStore, dataIndexArgument });

      // Without the check every call would find no payload and silently run without idempotency.
      expect(wrap).toThrow(IdempotencyConfigurationError);
      expect(wrap).toThrow('dataIndexArgument');
    }
  );
});
