import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyItemAlreadyExistsError,
  IdempotencyValidationError,
  makeIdempotent,
} from '@idem/core';
import { identity, layerOnNewTable, layouts, useDynalite } from './support.js';

const server = useDynalite();
const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };

describe.each(layouts)('idempotent calls on dynalite, %s', (_name, layout) => {
  it('grants one of ten simultaneous claims of a key and refuses the other nine', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => layer.claim(request, claimOptions)));

    expect(outcomes.filter((outcome) => outcome.kind === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'refused')).toHaveLength(9);
  });

  it('runs a function once for simultaneous calls: the others see it in progress', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chargeCard = jest.fn(async (order: { id: string }) => {
      await gate;
      return `charged ${order.id}`;
    });
    const idempotentCharge = makeIdempotent(chargeCard, { persistenceStore: layer, keyPrefix: 'chargeCard' });

    const first = idempotentCharge({ id: 'o-1' });
    // Wait until the first call holds the claim and runs.
    while (chargeCard.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const others = await Promise.allSettled([idempotentCharge({ id: 'o-1' }), idempotentCharge({ id: 'o-1' })]);
    release();

    await expect(first).resolves.toBe('charged o-1');
    expect(others.map((other) => (other as PromiseRejectedResult).reason)).toEqual([
      expect.any(IdempotencyAlreadyInProgressError),
      expect.any(IdempotencyAlreadyInProgressError),
    ]);
    await expect(idempotentCharge({ id: 'o-1' })).resolves.toBe('charged o-1');
    expect(chargeCard).toHaveBeenCalledTimes(1);
  });

  it('refuses a repeat whose validated payload differs, with the stored record', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
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

  it("serves the seed's data-based interface: saveInProgress, saveSuccess, getRecord", async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    layer.configure({ config: new IdempotencyConfig({ eventKeyJmesPath: 'id' }), functionName: 'report' });

    await layer.saveInProgress({ id: 'r-1' });
    await expect(layer.saveInProgress({ id: 'r-1' })).rejects.toBeInstanceOf(IdempotencyItemAlreadyExistsError);
    await layer.saveSuccess({ id: 'r-1' }, { rows: 3 });

    const record = await layer.getRecord({ id: 'r-1' });
    expect(record.getStatus()).toBe('COMPLETED');
    expect(record.getResponse()).toEqual({ rows: 3 });
    expect(record.idempotencyKey).toMatch(/\.report#/);
  });
});
