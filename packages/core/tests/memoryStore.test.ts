import {
  IdempotencyClaimLostError,
  IdempotencyConfig,
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { advanceClock, fakeDate, restoreDate } from './helpers/clock.js';
import { claimed } from './helpers/store.js';

const claimOptions = { expiresAfterSeconds: 3600, leaseMs: 60_000 };

describe('MemoryPersistenceLayer', () => {
  beforeEach(() => fakeDate());
  afterEach(restoreDate);

  describe('atomic claims', () => {
    it('of fifty claims of one key made at once, exactly one succeeds; the others are refused with the record', async () => {
      const layer = new MemoryPersistenceLayer();
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => layer.claim({ idempotencyKey: 'fn#k' }, claimOptions)));

      const won = outcomes.flatMap((outcome) => (outcome.kind === 'claimed' ? [outcome.claim] : []));
      expect(won).toHaveLength(1);
      const winner = won[0];
      for (const outcome of outcomes) {
        if (outcome.kind === 'claimed') continue;
        expect(outcome.existingRecord?.ownerToken).toBe(winner?.ownerToken);
      }
    });

    it('a claim is refused over a live in-progress or completed record', async () => {
      const layer = new MemoryPersistenceLayer();
      const claim = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions));
      await expect(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions)).resolves.toMatchObject({ kind: 'refused' });
      await layer.complete(claim, 'done', 3600);
      await expect(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions)).resolves.toMatchObject({ kind: 'refused' });
    });

    it('a claim succeeds over an in-progress record whose lease lapsed', async () => {
      const layer = new MemoryPersistenceLayer();
      await claimed(layer.claim({ idempotencyKey: 'fn#k' }, { expiresAfterSeconds: 3600, leaseMs: 5000 }));
      advanceClock(5);
      const second = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions));
      expect((await layer.fetch('fn#k')).ownerToken).toBe(second.ownerToken);
    });

    it('a claim succeeds over an expired completed record', async () => {
      const layer = new MemoryPersistenceLayer();
      const first = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions));
      await layer.complete(first, 'done', 10);
      advanceClock(10);
      await expect(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions)).resolves.toMatchObject({ kind: 'claimed' });
    });
  });

  describe('ownership', () => {
    it("completing a claim that another call has taken over is refused with IdempotencyClaimLostError, and the new owner's record stays", async () => {
      const layer = new MemoryPersistenceLayer();
      const lapsed = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, { expiresAfterSeconds: 3600, leaseMs: 1000 }));
      advanceClock(1);
      const current = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions));

      await expect(layer.complete(lapsed, 'stale', 3600)).rejects.toBeInstanceOf(IdempotencyClaimLostError);
      const stored = await layer.fetch('fn#k');
      expect(stored.getStatus()).toBe('INPROGRESS');
      expect(stored.ownerToken).toBe(current.ownerToken);
    });

    it("releasing a claim that another call has taken over leaves the new owner's record", async () => {
      const layer = new MemoryPersistenceLayer();
      const lapsed = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, { expiresAfterSeconds: 3600, leaseMs: 1000 }));
      advanceClock(1);
      const current = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions));

      await layer.release(lapsed);
      expect((await layer.fetch('fn#k')).ownerToken).toBe(current.ownerToken);
    });

    it('releasing its own claim deletes the record', async () => {
      const layer = new MemoryPersistenceLayer();
      const claim = await claimed(layer.claim({ idempotencyKey: 'fn#k' }, claimOptions));
      await layer.release(claim);
      await expect(layer.fetch('fn#k')).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
    });
  });

  describe('bounded memory', () => {
    it('records of many unique keys are reclaimed once expired, so the size stays bounded', async () => {
      const persistenceStore = new MemoryPersistenceLayer();
      const idempotentFn = makeIdempotent(async (event: { id: number }) => event.id, {
        persistenceStore,
        config: new IdempotencyConfig({ expiresAfterSeconds: 10 }),
      });

      let largest = 0;
      for (let batch = 0; batch < 50; batch++) {
        for (let index = 0; index < 100; index++) await idempotentFn({ id: batch * 100 + index });
        largest = Math.max(largest, persistenceStore.size);
        advanceClock(11);
      }

      expect(largest).toBeLessThanOrEqual(101);
    });

    it('expired records behind a long-lived one are reclaimed by the periodic full sweep', async () => {
      const persistenceStore = new MemoryPersistenceLayer({ sweepInterval: 100 });
      const longLived = makeIdempotent(async (_event: { id: number }) => 'kept', {
        persistenceStore,
        config: new IdempotencyConfig({ expiresAfterSeconds: 86_400 }),
      });
      const shortLived = makeIdempotent(async (event: { id: number }) => event.id, {
        persistenceStore,
        config: new IdempotencyConfig({ expiresAfterSeconds: 10 }),
      });

      await longLived({ id: -1 });
      let largest = 0;
      for (let batch = 0; batch < 30; batch++) {
        for (let index = 0; index < 50; index++) await shortLived({ id: batch * 50 + index });
        largest = Math.max(largest, persistenceStore.size);
        advanceClock(11);
      }

      // One live record, one batch of live records, and at most one sweep interval of expired ones.
      expect(largest).toBeLessThanOrEqual(1 + 50 + 100);
      await expect(longLived({ id: -1 })).resolves.toBe('kept');
    });

    it('live records are never reclaimed', async () => {
      const persistenceStore = new MemoryPersistenceLayer({ sweepInterval: 10 });
      const runs = jest.fn(async (event: { id: number }) => event.id);
      const idempotentFn = makeIdempotent(runs, { persistenceStore });

      for (let id = 0; id < 500; id++) await idempotentFn({ id });
      expect(persistenceStore.size).toBe(500);
      for (let id = 0; id < 500; id++) await idempotentFn({ id });
      expect(runs).toHaveBeenCalledTimes(500);
    });
  });

  describe("the seed's data-based interface", () => {
    it('saveInProgress, saveSuccess and getRecord work on the configured config', async () => {
      const layer = new MemoryPersistenceLayer();
      layer.configure({
        config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' }),
        functionName: 'charge',
      });
      expect(layer.isPayloadValidationEnabled()).toBe(true);

      await layer.saveInProgress({ orderId: 'o-1', amount: 1 }, 5000);
      await expect(layer.saveInProgress({ orderId: 'o-1', amount: 1 })).rejects.toBeInstanceOf(IdempotencyItemAlreadyExistsError);
      expect((await layer.getRecord({ orderId: 'o-1' })).inProgressExpiryTimestamp).toBe(Date.now() + 5000);

      await layer.saveSuccess({ orderId: 'o-1', amount: 1 }, { chargeId: 'ch-1' });
      const record = await layer.getRecord({ orderId: 'o-1' });
      expect(record.getStatus()).toBe('COMPLETED');
      expect(record.getResponse()).toEqual({ chargeId: 'ch-1' });
      expect(record.idempotencyKey.startsWith('.charge#')).toBe(true);
    });

    it('deleteRecord frees the key', async () => {
      const layer = new MemoryPersistenceLayer();
      layer.configure({ config: new IdempotencyConfig({}), keyPrefix: 'custom' });
      expect(layer.isPayloadValidationEnabled()).toBe(false);
      expect(layer.idempotencyKeyPrefix).toBe('custom');

      await layer.saveInProgress({ orderId: 'o-1' });
      await layer.deleteRecord({ orderId: 'o-1' });
      await expect(layer.getRecord({ orderId: 'o-1' })).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);
    });
  });
});
