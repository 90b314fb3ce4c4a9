import { IdempotencyPersistenceConsistencyError, MemoryPersistenceLayer, makeIdempotent } from '@idem/core';

/** A subclass that writes where records live, as a foreign writer would. */
class TamperedMemoryStore extends MemoryPersistenceLayer {
  public tamper(idempotencyKey: string, stored: unknown): void {
    (this as unknown as { records: Map<string, unknown> }).records.set(idempotencyKey, stored);
  }
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('an entry of the memory store that it did not write', () => {
  it.each([
    ['a value that is not a record', 'session:42', /it is not a record/],
    ['an unknown status', { status: 'DONE', expiryTimestamp: inAnHour() }, /status "DONE" is unknown/],
    ['an expiry that is not a number', { status: 'COMPLETED', expiryTimestamp: 'tomorrow' }, /expiry is not a number/],
    [
      'a response this store did not write',
      { status: 'COMPLETED', expiryTimestamp: inAnHour(), response: '{"charged":' },
      /response is not one this store wrote/,
    ],
  ])(
    '(%s) raises IdempotencyPersistenceConsistencyError naming the problem, and the function does not run',
    async (_label, stored, problem) => {
      const store = new TamperedMemoryStore();
      let runs = 0;
      const charge = makeIdempotent(async (_order: { id: number }) => ++runs, { persistenceStore: store, keyPrefix: 'charge' });
      await charge({ id: 1 });
      const [key] = [...(store as unknown as { records: Map<string, unknown> }).records.keys()];
      store.tamper(key as string, stored);

      const call = charge({ id: 1 });
      await expect(call).rejects.toBeInstanceOf(IdempotencyPersistenceConsistencyError);
      await expect(call).rejects.toThrow(problem);
      expect(runs).toBe(1);
    }
  );
});
