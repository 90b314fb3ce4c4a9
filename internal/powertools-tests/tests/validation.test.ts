import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import type { Context } from 'aws-lambda';
import { deferred, lambdaContext, newOrder, type Order, powertoolsKey, sleep } from './support/calls.js';
import { backendIds, type SharedBackend, useSharedBackends } from './support/stores.js';

// Payload validation agrees: both libraries hash the validated selection alike and store the hash
// where the other reads it, so a changed payload is refused by both. Powertools 2.35's Redis
// completion drops the hash; idem then refuses the repeat as Powertools itself does (see
// docs/migration-from-powertools.md).

const sharedBackend = useSharedBackends();

const validationError = { name: 'IdempotencyValidationError' };

function bothSides(backend: SharedBackend) {
  const gate = { opened: Promise.resolve() };
  const charge = jest.fn(async (event: Order, _context: Context) => {
    await gate.opened;
    return { charged: event.amount };
  });
  const options = { eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' };
  return {
    charge,
    gate,
    powertools: powertoolsIdempotent(charge, { persistenceStore: backend.powertools(), config: new PowertoolsConfig(options) }),
    idem: makeIdempotent(charge, { persistenceStore: backend.idem(), config: new IdempotencyConfig(options) }),
  };
}

describe.each(backendIds)('on %s', (id) => {
  const backend = () => sharedBackend(id);

  it('a call completed by idem: an identical repeat replays on both sides, a changed one is refused by both', async () => {
    const order = newOrder(5);
    const sides = bothSides(backend());
    await sides.idem(order, lambdaContext());

    expect((await backend().stored(powertoolsKey(JSON.stringify(order.orderId))))?.validation).toBe(
      '5No7f7vOI0XXdysGdKMY1Q==' // md5 of "5", base64: Powertools' hash of amount 5
    );
    await expect(sides.powertools(order, lambdaContext())).resolves.toEqual({ charged: 5 });
    await expect(sides.idem(order, lambdaContext())).resolves.toEqual({ charged: 5 });
    await expect(sides.powertools({ ...order, amount: 6 }, lambdaContext())).rejects.toMatchObject(validationError);
    await expect(sides.idem({ ...order, amount: 6 }, lambdaContext())).rejects.toMatchObject(validationError);
    expect(sides.charge).toHaveBeenCalledTimes(1);
  });

  it('a call completed by Powertools: a changed repeat is refused by both sides', async () => {
    const order = newOrder(5);
    const sides = bothSides(backend());
    await sides.powertools(order, lambdaContext());

    await expect(sides.idem({ ...order, amount: 6 }, lambdaContext())).rejects.toMatchObject(validationError);
    await expect(sides.powertools({ ...order, amount: 6 }, lambdaContext())).rejects.toMatchObject(validationError);
    expect(sides.charge).toHaveBeenCalledTimes(1);
  });

  it('a call completed by Powertools: an identical repeat gets the same answer on both sides, never a second run', async () => {
    const order = newOrder(5);
    const sides = bothSides(backend());
    await sides.powertools(order, lambdaContext());

    if (backend().completionDropsValidation) {
      // Powertools 2.35 stored no hash with its completion: neither side can tell the payloads apart.
      expect((await backend().stored(powertoolsKey(JSON.stringify(order.orderId))))?.validation).toBeUndefined();
      await expect(sides.powertools(order, lambdaContext())).rejects.toMatchObject(validationError);
      await expect(sides.idem(order, lambdaContext())).rejects.toMatchObject(validationError);
    } else {
      await expect(sides.powertools(order, lambdaContext())).resolves.toEqual({ charged: 5 });
      await expect(sides.idem(order, lambdaContext())).resolves.toEqual({ charged: 5 });
    }
    expect(sides.charge).toHaveBeenCalledTimes(1);
  });

  it('a changed payload is refused while the other side still runs the call, on both sides', async () => {
    const [first, second] = [newOrder(5), newOrder(5)];
    const sides = bothSides(backend());
    const gate = deferred();
    sides.gate.opened = gate.promise;
    const runs = [sides.powertools(first, lambdaContext()), sides.idem(second, lambdaContext())];
    await sleep(100);

    await expect(sides.idem({ ...first, amount: 6 }, lambdaContext())).rejects.toMatchObject(validationError);
    await expect(sides.powertools({ ...second, amount: 6 }, lambdaContext())).rejects.toMatchObject(validationError);
    gate.resolve();
    await Promise.all(runs);
    expect(sides.charge).toHaveBeenCalledTimes(2);
  });
});

describe('a completion in the shape Powertools writes after 2.35 (the hash kept) on Redis', () => {
  it.each(backendIds.filter((id) => id !== 'dynamodb'))(
    'through %s, replays to an identical payload and refuses a changed one',
    async (id) => {
      const backend = sharedBackend(id);
      const order = newOrder(5);
      const sides = bothSides(backend);
      const key = powertoolsKey(JSON.stringify(order.orderId));
      await backend.writeValue?.(
        key,
        {
          status: 'COMPLETED',
          expiration: Math.floor(Date.now() / 1000) + 600,
          data: { charged: 5 },
          validation: '5No7f7vOI0XXdysGdKMY1Q==',
        },
        600
      );

      await expect(sides.idem(order, lambdaContext())).resolves.toEqual({ charged: 5 });
      await expect(sides.idem({ ...order, amount: 6 }, lambdaContext())).rejects.toMatchObject(validationError);
      expect(sides.charge).not.toHaveBeenCalled();
    }
  );
});
