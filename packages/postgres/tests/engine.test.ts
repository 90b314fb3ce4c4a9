import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyItemAlreadyExistsError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@idem/core';
import { clientKinds, identity, layerOnNewTable, useClient, usePostgresDatabase } from './support/postgresKit.js';

const database = usePostgresDatabase();
const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };

describe.each(clientKinds)('idempotent calls on PostgreSQL through %s', (kind) => {
  const open = useClient(kind, database);

  it('grants one of fifty simultaneous claims of a new key; each of the others gets the winner’s record', async () => {
    const layer = await layerOnNewTable(open().client);
    const request = identity();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => layer.claim(request, claimOptions)));

    const winners = outcomes.flatMap((outcome) => (outcome.kind === 'claimed' ? [outcome.claim] : []));
    expect(winners).toHaveLength(1);
    const losers = outcomes.flatMap((outcome) => (outcome.kind === 'refused' ? [outcome.existingRecord?.ownerToken] : []));
    expect(losers).toEqual(Array.from({ length: 49 }, () => winners[0]?.ownerToken));
  });

  it('runs a function once for simultaneous calls: the others see it in progress, later calls replay it', async () => {
    const layer = await layerOnNewTable(open().client);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chargeCard = jest.fn(async (order: { id: string }) => {
      await gate;
      return { charged: order.id };
    });
    const idempotentCharge = makeIdempotent(chargeCard, { persistenceStore: layer, keyPrefix: 'chargeCard' });

    const first = idempotentCharge({ id: 'o-1' });
    while (chargeCard.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const others = await Promise.allSettled([idempotentCharge({ id: 'o-1' }), idempotentCharge({ id: 'o-1' })]);
    release();

    await expect(first).resolves.toEqual({ charged: 'o-1' });
    expect(others.map((other) => (other as PromiseRejectedResult).reason)).toEqual([
      expect.any(IdempotencyAlreadyInProgressError),
      expect.any(IdempotencyAlreadyInProgressError),
    ]);
    await expect(idempotentCharge({ id: 'o-1' })).resolves.toEqual({ charged: 'o-1' });
    expect(chargeCard).toHaveBeenCalledTimes(1);
  });

  it('runs the function again after it threw, since the error released the key', async () => {
    const layer = await layerOnNewTable(open().client);
    let attempts = 0;
    const flaky = makeIdempotent(
      async (_order: { id: string }) => {
        attempts++;
        if (attempts === 1) throw new Error('card declined');
        return 'charged';
      },
      { persistenceStore: layer, keyPrefix: 'flaky' }
    );

    await expect(flaky({ id: 'o-1' })).rejects.toThrow('card declined');
    await expect(flaky({ id: 'o-1' })).resolves.toBe('charged');
    await expect(flaky({ id: 'o-1' })).resolves.toBe('charged');
    expect(attempts).toBe(2);
  });

  it('refuses a repeat whose validated payload differs, with the stored record', async () => {
    const layer = await layerOnNewTable(open().client);
    const config = new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' });
    const charge = makeIdempotent(async (order: { orderId: string; amount: number }) => order.amount, {
      persistenceStore: layer,
      config,
      keyPrefix: 'charge',
    });

    await expect(charge({ orderId: 'o-1', amount: 10 })).resolves.toBe(10);
    const refused = charge({ orderId: 'o-1', amount: 99 });
    await expect(refused).rejects.toBeInstanceOf(IdempotencyValidationError);
    await expect(refused).rejects.toHaveProperty('existingRecord.idempotencyKey', expect.stringMatching(/^charge#/));
  });

  it('keeps a long call’s claim alive with renewInProgressLease past its one-second lease', async () => {
    const layer = await layerOnNewTable(open().client);
    const slow = makeIdempotent(
      async (_job: { id: string }) => {
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        return 'done';
      },
      {
        persistenceStore: layer,
        keyPrefix: 'slow',
        config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: 1, renewInProgressLease: true }),
      }
    );
    const first = slow({ id: 'j-1' });
    await new Promise((resolve) => setTimeout(resolve, 1_800));
    await expect(slow({ id: 'j-1' })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    await expect(first).resolves.toBe('done');
  });

  it("serves the seed's data-based interface: saveInProgress, saveSuccess, getRecord", async () => {
    const layer = await layerOnNewTable(open().client);
    layer.configure({ config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }), functionName: 'report' });

    await layer.saveInProgress({ id: 'r-1' });
    await expect(layer.saveInProgress({ id: 'r-1' })).rejects.toBeInstanceOf(IdempotencyItemAlreadyExistsError);
    await layer.saveSuccess({ id: 'r-1' }, { rows: 3 });

    const record = await layer.getRecord({ id: 'r-1' });
    expect(record.getStatus()).toBe('COMPLETED');
    expect(record.getResponse()).toEqual({ rows: 3 });
  });
});
