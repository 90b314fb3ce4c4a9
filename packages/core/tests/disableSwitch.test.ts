import { IdempotencyConfig, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { roundTrips, spyOnStore } from './helpers/store.js';

const switches = ['IDEM_DISABLED', 'POWERTOOLS_IDEMPOTENCY_DISABLED'] as const;

describe('the environment switch that disables idempotency', () => {
  const saved = Object.fromEntries(switches.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of switches) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it.each(switches)('%s=true makes every call run the function without touching the store', async (name) => {
    process.env[name] = 'true';
    const persistenceStore = new MemoryPersistenceLayer();
    const spies = spyOnStore(persistenceStore);
    const charge = jest.fn(async (_order: { orderId: string }) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await idempotentCharge({ orderId: 'o-1' });
    await idempotentCharge({ orderId: 'o-1' });

    expect(charge).toHaveBeenCalledTimes(2);
    expect(roundTrips(spies)).toBe(0);
    expect(new IdempotencyConfig().isEnabled()).toBe(false);
  });

  it.each(['1', 'TRUE', 'yes', 'on', 'y', 't', ' true '])('a switch set to %j disables idempotency', async (value) => {
    process.env.IDEM_DISABLED = value;
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_order: { orderId: string }) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await idempotentCharge({ orderId: 'o-1' });
    await idempotentCharge({ orderId: 'o-1' });
    expect(charge).toHaveBeenCalledTimes(2);
  });

  // A switch that reads as "off" must never turn idempotency off: that would double-charge in production.
  it.each(['false', 'False', 'FALSE', '0', '', 'no', 'off', 'n', 'f', 'disabled?'])(
    'a switch set to %j leaves idempotency on',
    async (value) => {
      process.env.IDEM_DISABLED = value;
      process.env.POWERTOOLS_IDEMPOTENCY_DISABLED = value;
      const persistenceStore = new MemoryPersistenceLayer();
      const charge = jest.fn(async (_order: { orderId: string }) => 'charged');
      const idempotentCharge = makeIdempotent(charge, { persistenceStore });

      await idempotentCharge({ orderId: 'o-1' });
      await idempotentCharge({ orderId: 'o-1' });
      expect(charge).toHaveBeenCalledTimes(1);
    }
  );

  it('the switch is read on every call, so it can be turned on and off without re-wrapping', async () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const charge = jest.fn(async (_order: { orderId: string }) => 'charged');
    const idempotentCharge = makeIdempotent(charge, { persistenceStore });

    await idempotentCharge({ orderId: 'o-1' });
    process.env.IDEM_DISABLED = '1';
    await idempotentCharge({ orderId: 'o-1' });
    delete process.env.IDEM_DISABLED;
    await idempotentCharge({ orderId: 'o-1' });
    expect(charge).toHaveBeenCalledTimes(2);
  });
});
