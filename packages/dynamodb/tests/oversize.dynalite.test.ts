import { IdempotencyConfig, IdempotencyPersistenceLayerError, makeIdempotent } from '@idem/core';
import { claimed, layerOnNewTable, layouts, useDynalite } from './support.js';

const server = useDynalite();
const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };

describe.each(layouts)('responses too large for one DynamoDB item, %s', (_name, layout) => {
  it('are refused before the write: the claim stays as it was, with no data', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const claim = await claimed(layer.claim({ idempotencyKey: 'fn#big' }, claimOptions));

    await expect(layer.complete(claim, 'x'.repeat(410_000), 600)).rejects.toThrow(IdempotencyPersistenceLayerError);
    const stored = await layer.fetch('fn#big');
    expect(stored.getStatus()).toBe('INPROGRESS');
    expect(stored.getResponse()).toBeUndefined();
    expect(stored.ownerToken).toBe(claim.ownerToken);
  });

  it('are measured in UTF-8 bytes: 205,000 two-byte characters are refused', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const claim = await claimed(layer.claim({ idempotencyKey: 'fn#accents' }, claimOptions));

    await expect(layer.complete(claim, 'é'.repeat(205_000), 600)).rejects.toThrow(/over DynamoDB's item limit of 409600 bytes/);
  });

  it('just under the limit are stored and read back whole', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const claim = await claimed(layer.claim({ idempotencyKey: 'fn#fits' }, claimOptions));
    await layer.complete(claim, 'x'.repeat(409_000), 600);

    expect((await layer.fetch('fn#fits')).getResponse()).toHaveLength(409_000);
  });

  it('fail the wrapped call with IdempotencyPersistenceLayerError after the function ran once', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const report = jest.fn(async (_request: { id: string }) => 'x'.repeat(500_000));
    const call = makeIdempotent(report, { persistenceStore: layer, config: new IdempotencyConfig({}), keyPrefix: 'report' });

    await expect(call({ id: 'r-1' })).rejects.toThrow(/bytes, over DynamoDB's item limit/);
    expect(report).toHaveBeenCalledTimes(1);
  });
});
