import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { makeHandlerIdempotent as powertoolsMiddleware } from '@aws-lambda-powertools/idempotency/middleware';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import { makeHandlerIdempotent } from '@idem/middy';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { lambdaContext, newOrder, type Order } from './support/calls.js';
import { backendIds, useSharedBackends } from './support/stores.js';

// A call completed by either library replays on the other, through makeIdempotent and through
// each library's Middy middleware, on one DynamoDB table and one Redis.

const sharedBackend = useSharedBackends();

/** A response of every JSON shape, so the stored encodings are read back by the other side. */
const receipt = (order: Order) => ({
  orderId: order.orderId,
  charged: order.amount,
  lines: [{ sku: 'A-1', quantity: 2, price: 1.25 }, null, []],
  note: '',
  paid: true,
  refund: null,
  meta: {},
});

describe.each(backendIds)('on %s', (id) => {
  const backend = () => sharedBackend(id);
  const byOrderId = () => ({
    powertools: new PowertoolsConfig({ eventKeyJmesPath: 'orderId' }),
    idem: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }),
  });

  it.each([
    ['Powertools', 'idem'],
    ['idem', 'Powertools'],
  ] as const)('a call completed by %s replays on %s, the function not run again', async (writer, reader) => {
    const order = newOrder();
    const charge = jest.fn(async (event: Order, _context: Context) => receipt(event));
    const configs = byOrderId();
    const sides = {
      Powertools: powertoolsIdempotent(charge, { persistenceStore: backend().powertools(), config: configs.powertools }),
      idem: makeIdempotent(charge, { persistenceStore: backend().idem(), config: configs.idem }),
    };

    const first = await sides[writer](order, lambdaContext());
    await expect(sides[reader](order, lambdaContext())).resolves.toEqual(first);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('keys on the whole event agree too: mixed-case, nested and integer-like keys, any order', async () => {
    const order = newOrder();
    const event = { ...order, Currency: 'EUR', meta: { z: [{ b: 1, A: 2 }], '10': 'ten', '2': 'two' } };
    const reordered = { meta: { '2': 'two', z: [{ A: 2, b: 1 }], '10': 'ten' }, Currency: 'EUR', ...order };
    const charge = jest.fn(async (input: typeof event, _context: Context) => `charged ${input.orderId}`);
    const byPowertools = powertoolsIdempotent(charge, { persistenceStore: backend().powertools() });
    const byIdem = makeIdempotent(charge, { persistenceStore: backend().idem() });

    await byPowertools(event, lambdaContext());
    await expect(byIdem(reordered, lambdaContext())).resolves.toBe(`charged ${order.orderId}`);
    expect(charge).toHaveBeenCalledTimes(1);
  });

  it('a plain function (no Lambda context) completed by either side replays on the other', async () => {
    const [first, second] = [newOrder(), newOrder()];
    const charge = jest.fn(async (event: Order) => receipt(event));
    const configs = byOrderId();
    const byPowertools = powertoolsIdempotent(charge, { persistenceStore: backend().powertools(), config: configs.powertools });
    const byIdem = makeIdempotent(charge, { persistenceStore: backend().idem(), config: configs.idem });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // Powertools: no remaining time

    await byPowertools(first);
    await byIdem(second);
    await expect(byIdem(first)).resolves.toEqual(receipt(first));
    await expect(byPowertools(second)).resolves.toEqual(receipt(second));
    expect(charge).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });

  it('a call whose function threw on one side leaves no record: the other side runs it', async () => {
    const [first, second] = [newOrder(), newOrder()];
    let failing = true;
    const charge = jest.fn(async (event: Order, _context: Context) => {
      if (failing) throw new Error('card declined');
      return receipt(event);
    });
    const configs = byOrderId();
    const byPowertools = powertoolsIdempotent(charge, { persistenceStore: backend().powertools(), config: configs.powertools });
    const byIdem = makeIdempotent(charge, { persistenceStore: backend().idem(), config: configs.idem });

    await expect(byPowertools(first, lambdaContext())).rejects.toThrow('card declined');
    await expect(byIdem(second, lambdaContext())).rejects.toThrow('card declined');
    failing = false;
    await expect(byIdem(first, lambdaContext())).resolves.toEqual(receipt(first));
    await expect(byPowertools(second, lambdaContext())).resolves.toEqual(receipt(second));
    expect(charge).toHaveBeenCalledTimes(4);
  });

  describe('through the Middy middlewares of both libraries', () => {
    const handlers = () => {
      const charge = jest.fn(async (event: Order, _context: Context) => receipt(event));
      const configs = byOrderId();
      return {
        charge,
        powertools: middy(charge).use(
          powertoolsMiddleware({ persistenceStore: backend().powertools(), config: configs.powertools })
        ),
        idem: middy(charge).use(makeHandlerIdempotent({ persistenceStore: backend().idem(), config: configs.idem })),
      };
    };

    it.each([
      ['powertools', 'idem'],
      ['idem', 'powertools'],
    ] as const)("%s's middleware completes, %s's replays", async (writer, reader) => {
      const order = newOrder();
      const sides = handlers();
      const first = await sides[writer](order, lambdaContext());
      await expect(sides[reader](order, lambdaContext())).resolves.toEqual(first);
      expect(sides.charge).toHaveBeenCalledTimes(1);
    });

    it("a handler wrapped by makeIdempotent replays in the other library's middleware, and back", async () => {
      const [first, second] = [newOrder(), newOrder()];
      const { charge, powertools, idem } = handlers();
      const configs = byOrderId();
      await makeIdempotent(charge, { persistenceStore: backend().idem(), config: configs.idem })(first, lambdaContext());
      await powertoolsIdempotent(charge, { persistenceStore: backend().powertools(), config: configs.powertools })(
        second,
        lambdaContext()
      );

      await expect(powertools(first, lambdaContext())).resolves.toEqual(receipt(first));
      await expect(idem(second, lambdaContext())).resolves.toEqual(receipt(second));
      expect(charge).toHaveBeenCalledTimes(2);
    });
  });
});
