import { createHash } from 'node:crypto';
import {
  canonicalJson,
  IdempotencyAlreadyInProgressError,
  IdempotencyClaimLostError,
  IdempotencyConfig,
  makeIdempotent,
} from '@idem/core';
import { claimed, fakeDateOnly, identity, layerOnNewTable, layouts, useDynalite } from './support.js';

const server = useDynalite();
const start = new Date('2026-01-01T00:00:00Z').getTime();

describe.each(layouts)('claim renewal (renewInProgressLease) on dynalite, %s', (_name, layout) => {
  beforeEach(() => {
    fakeDateOnly();
    jest.setSystemTime(start);
  });
  afterEach(() => jest.useRealTimers());

  it('says it can renew claims', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    expect(layer.canRenewClaims()).toBe(true);
  });

  it('moves the stored lease, so the key stays held past the first lease', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    const claim = await claimed(layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 5_000 }));

    jest.setSystemTime(start + 4_000);
    await layer.renew(claim, 5_000);
    jest.setSystemTime(start + 6_000);

    await expect(layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 5_000 })).resolves.toMatchObject({ kind: 'refused' });
    expect((await layer.fetch(request.idempotencyKey)).inProgressExpiryTimestamp).toBe(start + 9_000);
  });

  it('refuses to renew a claim another call took over, and leaves its lease alone', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const request = identity();
    const lapsed = await claimed(layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 1_000 }));
    jest.setSystemTime(start + 2_000);
    const current = await claimed(layer.claim(request, { expiresAfterSeconds: 3600, leaseMs: 1_000 }));

    await expect(layer.renew(lapsed, 60_000)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    expect((await layer.fetch(request.idempotencyKey)).inProgressExpiryTimestamp).toBe(current.inProgressExpiryTimestamp);
  });

  it('refuses to renew a claim that is already completed or released, and writes nothing', async () => {
    const { layer } = await layerOnNewTable(server(), layout);
    const completedRequest = identity();
    const completed = await claimed(layer.claim(completedRequest, { expiresAfterSeconds: 3600, leaseMs: 1_000 }));
    await layer.complete(completed, 'done', 600);
    const releasedRequest = identity();
    const released = await claimed(layer.claim(releasedRequest, { expiresAfterSeconds: 3600, leaseMs: 1_000 }));
    await layer.release(released);

    await expect(layer.renew(completed, 60_000)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    await expect(layer.renew(released, 60_000)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
    expect((await layer.fetch(completedRequest.idempotencyKey)).getStatus()).toBe('COMPLETED');
    await expect(layer.fetch(releasedRequest.idempotencyKey)).rejects.toThrow(/No idempotency record/);
  });
});

describe('renewInProgressLease through makeIdempotent on dynalite', () => {
  it('keeps renewing the lease in the table while the function runs, and runs it once', async () => {
    const { layer } = await layerOnNewTable(server());
    const key = `long-job#${createHash('md5')
      .update(canonicalJson({ id: 'j-1' }))
      .digest('hex')}`;
    let finish: (value: string) => void = () => undefined;
    const longJob = jest.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const job = makeIdempotent(async (_job: { id: string }) => longJob(), {
      persistenceStore: layer,
      config: new IdempotencyConfig({ inProgressExpiresAfterSeconds: 1, renewInProgressLease: true }),
      keyPrefix: 'long-job',
    });

    const first = job({ id: 'j-1' });
    while (longJob.mock.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const leaseAtStart = (await layer.fetch(key)).inProgressExpiryTimestamp ?? 0;
    // The engine renews every third of the lease; wait until a renewal has reached the table.
    let lease = leaseAtStart;
    while (lease === leaseAtStart) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      lease = (await layer.fetch(key)).inProgressExpiryTimestamp ?? 0;
    }
    await expect(job({ id: 'j-1' })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    finish('done');

    await expect(first).resolves.toBe('done');
    expect(lease).toBeGreaterThan(leaseAtStart);
    expect(longJob).toHaveBeenCalledTimes(1);
  });
});
