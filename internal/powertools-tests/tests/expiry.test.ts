import {
  IdempotencyConfig as PowertoolsConfig,
  makeIdempotent as powertoolsIdempotent,
} from '@aws-lambda-powertools/idempotency';
import { IdempotencyConfig, makeIdempotent } from '@idem/core';
import type { IdempotencyEvent } from '@idem/core/types';
import type { Context } from 'aws-lambda';
import { deferred, lambdaContext, newOrder, type Order, powertoolsKey, sleep } from './support/calls.js';
import { backendIds, useSharedBackends } from './support/stores.js';

// A record that expired, or a claim whose lease lapsed, is reclaimed by either library; and when
// Powertools takes over a claim of idem's, idem's late completion is refused by its owner token
// instead of overwriting Powertools' record.

const sharedBackend = useSharedBackends();

describe.each(backendIds)('on %s', (id) => {
  const backend = () => sharedBackend(id);

  it('a record completed by either side runs again on the other once it expired', async () => {
    const [byPowertoolsFirst, byIdemFirst] = [newOrder(), newOrder()];
    let runs = 0;
    const charge = jest.fn(async (_event: Order, _context: Context) => ++runs);
    const powertools = powertoolsIdempotent(charge, {
      persistenceStore: backend().powertools(),
      config: new PowertoolsConfig({ eventKeyJmesPath: 'orderId', expiresAfterSeconds: 2 }),
    });
    const idem = makeIdempotent(charge, {
      persistenceStore: backend().idem(),
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', expiresAfterSeconds: 2 }),
    });
    await powertools(byPowertoolsFirst, lambdaContext());
    await idem(byIdemFirst, lambdaContext());
    await expect(idem(byPowertoolsFirst, lambdaContext())).resolves.toBe(1);
    await expect(powertools(byIdemFirst, lambdaContext())).resolves.toBe(2);

    // Both libraries round the expiry to whole seconds: gone within 2.5 s.
    await sleep(2600);

    await expect(idem(byPowertoolsFirst, lambdaContext())).resolves.toBe(3);
    await expect(powertools(byIdemFirst, lambdaContext())).resolves.toBe(4);
    expect(charge).toHaveBeenCalledTimes(4);
  });

  it('a claim of a Powertools invocation that died is taken over by idem once its lease lapsed', async () => {
    const order = newOrder();
    const crashed = backend().powertools();
    crashed.configure({ config: new PowertoolsConfig({ eventKeyJmesPath: 'orderId' }) });
    await crashed.saveInProgress(order, 1000);
    const charge = jest.fn(async (event: Order, _context: Context) => `charged ${event.orderId}`);
    const idem = makeIdempotent(charge, {
      persistenceStore: backend().idem(),
      config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }),
    });

    await expect(idem(order, lambdaContext())).rejects.toMatchObject({ name: 'IdempotencyAlreadyInProgressError' });
    await sleep(1100);
    await expect(idem(order, lambdaContext())).resolves.toBe(`charged ${order.orderId}`);
    expect(charge).toHaveBeenCalledTimes(1);
    // On Redis the takeover went through Powertools' lock, as Powertools' own takeovers do.
    if (backend().lock) expect(await backend().lock?.(powertoolsKey(JSON.stringify(order.orderId)))).toBe('true');
  });

  it("Powertools takes over idem's lapsed claim, and idem's late completion leaves Powertools' record alone", async () => {
    const order = newOrder();
    const gate = deferred();
    const events: IdempotencyEvent[] = [];
    const slow = makeIdempotent(
      async (event: Order, _context: Context) => {
        await gate.promise;
        return `idem charged ${event.orderId}`;
      },
      {
        persistenceStore: backend().idem(),
        config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', onEvent: (event) => events.push(event) }),
      }
    );
    const powertools = powertoolsIdempotent(async (event: Order, _context: Context) => `powertools charged ${event.orderId}`, {
      persistenceStore: backend().powertools(),
      config: new PowertoolsConfig({ eventKeyJmesPath: 'orderId' }),
    });

    const late = slow(order, lambdaContext(1000));
    await sleep(100);
    await expect(powertools(order, lambdaContext())).rejects.toMatchObject({ name: 'IdempotencyAlreadyInProgressError' });
    await sleep(1000);
    await expect(powertools(order, lambdaContext())).resolves.toBe(`powertools charged ${order.orderId}`);
    gate.resolve();

    // The slow caller still gets its own result; the record stays Powertools'.
    await expect(late).resolves.toBe(`idem charged ${order.orderId}`);
    expect(events.map((event) => event.type)).toEqual(['claimed', 'claimLost']);
    const stored = await backend().stored(powertoolsKey(JSON.stringify(order.orderId)));
    expect(stored).toMatchObject({ status: 'COMPLETED', data: `powertools charged ${order.orderId}` });
    expect(stored?.owner).toBeUndefined();
    await expect(slow(order, lambdaContext())).resolves.toBe(`powertools charged ${order.orderId}`);
  });
});
