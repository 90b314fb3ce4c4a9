import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  IdempotencyConfigurationError,
  type IdempotencyEvent,
  IdempotencyRecord,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { claimed as claimedRecord } from './helpers/store.js';

/** A store of the seed's four primitives only: it cannot renew claims. */
class StoreWithoutRenewal extends MemoryPersistenceLayer {
  public override canRenewClaims(): boolean {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('renewInProgressLease', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-11-26T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  const longJob = (renew: boolean, events: IdempotencyEvent[] = []) => {
    let runs = 0;
    const fn = makeIdempotent(
      async (_job: { id: string }) => {
        runs++;
        await sleep(10_000);
        return { runs };
      },
      {
        persistenceStore: new MemoryPersistenceLayer(),
        config: new IdempotencyConfig({
          inProgressExpiresAfterSeconds: 3,
          renewInProgressLease: renew,
          onEvent: (event) => events.push(event),
        }),
        keyPrefix: 'long-job',
      }
    );
    return { fn, runs: () => runs };
  };

  it('keeps a function that outlives its lease the only one running its key', async () => {
    const { fn, runs } = longJob(true);
    const first = fn({ id: 'job-1' });
    await jest.advanceTimersByTimeAsync(7_000); // two leases later
    await expect(fn({ id: 'job-1' })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    await jest.advanceTimersByTimeAsync(3_000);
    await expect(first).resolves.toEqual({ runs: 1 });
    expect(runs()).toBe(1);
  });

  it('without renewal, the same key runs a second time once the lease lapses', async () => {
    const events: IdempotencyEvent[] = [];
    const { fn, runs } = longJob(false, events);
    const first = fn({ id: 'job-1' });
    await jest.advanceTimersByTimeAsync(7_000);
    const second = fn({ id: 'job-1' });
    await jest.advanceTimersByTimeAsync(10_000);
    await Promise.all([first, second]);
    expect(runs()).toBe(2);
    // The first caller's completion was refused: the second owner holds the record.
    expect(events.filter((event) => event.type === 'claimLost')).toHaveLength(1);
  });

  it('reports a claim lost during renewal and never writes over the new owner', async () => {
    const store = new MemoryPersistenceLayer();
    const events: IdempotencyEvent[] = [];
    const fn = makeIdempotent(
      async (_job: { id: string }) => {
        await sleep(10_000);
        return 'first owner';
      },
      {
        persistenceStore: store,
        config: new IdempotencyConfig({
          inProgressExpiresAfterSeconds: 3,
          renewInProgressLease: true,
          onEvent: (e) => events.push(e),
        }),
        keyPrefix: 'stolen',
      }
    );
    const first = fn({ id: 'job-1' });
    await jest.advanceTimersByTimeAsync(500);
    const claimed = events.find((event) => event.type === 'claimed');
    if (!claimed) throw new Error('no claim');
    // Another owner takes the key over, as if the lease had lapsed during a long pause.
    const firstClaim = await store.fetch(claimed.idempotencyKey);
    await store.release(
      new IdempotencyRecord({
        idempotencyKey: firstClaim.idempotencyKey,
        status: 'INPROGRESS',
        ownerToken: firstClaim.ownerToken,
      })
    );
    const newOwner = await claimedRecord(
      store.claim({ idempotencyKey: claimed.idempotencyKey }, { expiresAfterSeconds: 60, leaseMs: 60_000 })
    );
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(first).resolves.toBe('first owner');
    expect(events.map((event) => event.type)).toContain('claimLost');
    expect((await store.fetch(claimed.idempotencyKey)).ownerToken).toBe(newOwner.ownerToken);
    expect((await store.fetch(claimed.idempotencyKey)).getStatus()).toBe('INPROGRESS');
  });

  it('refuses, when the function is wrapped, a store that cannot renew claims', () => {
    expect(() =>
      makeIdempotent(async () => 1, {
        persistenceStore: new StoreWithoutRenewal(),
        config: new IdempotencyConfig({ renewInProgressLease: true }),
      })
    ).toThrow(IdempotencyConfigurationError);
  });
});
