import { IdempotencyConfig, IdempotencyRecord, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';
import { lambdaContext } from './helpers/lambdaContext.js';
import { CustomPersistenceLayer } from './seedSamples/customPersistenceLayer.js';
import { config as responseHookConfig } from './seedSamples/responseHookWithTypes.js';
import * as typeImports from './seedSamples/typeImports.js';
import { handler, persistenceStore, processIdempotently } from './seedSamples/typeSafeFunctionWrapper.js';

describe('seed samples, with imports mapped to @idem/*', () => {
  it('"Type-Safe Function Wrapper": the handler replays for the same event; processIdempotently keys on userId', async () => {
    await expect(handler({ orderId: 'o-1' }, lambdaContext(3000))).resolves.toEqual({ statusCode: 200 });
    expect(persistenceStore.size).toBe(1);
    await expect(handler({ orderId: 'o-1' }, lambdaContext(3000))).resolves.toEqual({ statusCode: 200 });
    expect(persistenceStore.size).toBe(1);

    await expect(processIdempotently({ id: 'r-1' }, 'user-1')).resolves.toBeUndefined();
    await expect(processIdempotently({ id: 'r-2' }, 'user-1')).resolves.toBeUndefined();
    expect(persistenceStore.size).toBe(2);
    await processIdempotently({ id: 'r-1' }, 'user-2');
    expect(persistenceStore.size).toBe(3);
  });

  it('"Custom Persistence Layer": makeIdempotent and the data-based interface write and read through its primitives', async () => {
    const layer = new CustomPersistenceLayer();
    const idempotentFn = makeIdempotent(async (order: { orderId: string }) => `charged ${order.orderId}`, {
      persistenceStore: layer,
      keyPrefix: 'custom',
    });

    await expect(idempotentFn({ orderId: 'o-1' })).resolves.toBe('charged o-1');
    const [item] = [...layer.customDataStore.items.values()];
    expect(item?.key).toMatch(/^custom#[0-9a-f]{32}$/);
    expect(item?.status).toBe('INPROGRESS'); // the sample's _updateRecord is left empty
    const record = await layer.fetch(item!.key);
    expect(record).toBeInstanceOf(IdempotencyRecord);
    expect(record.getStatus()).toBe('INPROGRESS');

    layer.configure({ config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId' }), keyPrefix: 'direct' });
    await layer.saveInProgress({ orderId: 'o-2' });
    await expect(layer.getRecord({ orderId: 'o-2' })).resolves.toMatchObject({
      idempotencyKey: expect.stringMatching(/^direct#/),
    });
  });

  it('"Response Hook with Types": a replay carries the hook\'s additions', async () => {
    const idempotentFn = makeIdempotent(async (_order: { orderId: string }) => ({ statusCode: 200 }), {
      persistenceStore: new MemoryPersistenceLayer(),
      config: responseHookConfig,
    });

    await expect(idempotentFn({ orderId: 'o-1' })).resolves.toEqual({ statusCode: 200 });
    await expect(idempotentFn({ orderId: 'o-1' })).resolves.toEqual({ statusCode: 200, cached: true, recordStatus: 'COMPLETED' });
  });

  it('"Idempotency Record Creation": prints COMPLETED and the response', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await jest.isolateModulesAsync(async () => {
        await import('./seedSamples/idempotencyRecordCreation.js');
      });
      expect(log.mock.calls).toEqual([['COMPLETED'], [{ statusCode: 200, body: 'Success' }]]);
    } finally {
      log.mockRestore();
    }
  });

  it('the type import block: the typed values work with the runtime', async () => {
    expect(new IdempotencyConfig(typeImports.configOptions).hashFunction).toBe('sha256');
    expect(new IdempotencyRecord(typeImports.recordOptions).getStatus()).toBe('INPROGRESS');
    expect(typeImports.functionOptions.dataIndexArgument).toBe(1);
    typeImports.layer.configure(typeImports.layerOptions);
    expect(typeImports.layer.isPayloadValidationEnabled()).toBe(false);
    const charge = jest.fn(async (tenant: string, request: { body: string; amount: number }) => `${tenant}:${request.amount}`);
    const idempotentCharge = makeIdempotent(charge, typeImports.functionOptions);
    await expect(idempotentCharge('t-1', { body: 'order-1', amount: 5 })).resolves.toBe('t-1:5');
    await expect(idempotentCharge('t-2', { body: 'order-1', amount: 5 })).resolves.toBe('t-1:5');
    expect(charge).toHaveBeenCalledTimes(1);
  });
});
