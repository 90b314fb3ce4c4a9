import {
  IdempotencyConfig,
  type IdempotencyEvent,
  IdempotencyPersistenceLayerError,
  IdempotencyUnderReplicatedError,
  jsonLogListener,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import { type IdempotencyRecord, underReplicatedError } from '@idem/core/persistence';

// The memory store has no replicas: this one writes like it and then reports the acknowledgements
// a replicated store would have counted. Real replicas (redis-server --replicaof) show the same
// paths in packages/cache/tests/replicaAcknowledgements.test.ts; here the engine's part alone.
class ReplicatedMemoryStore extends MemoryPersistenceLayer {
  public acknowledged = { claim: 1, complete: 1 };

  protected override async _claimRecord(record: IdempotencyRecord) {
    const refusal = await super._claimRecord(record);
    if (refusal || this.acknowledged.claim >= 1) return refusal;
    await super._deleteRecord(record);
    throw underReplicatedError(record, { requested: 1, acknowledged: 0, timeoutMs: 50 }, 'the claim was released');
  }

  protected override async _updateRecord(record: IdempotencyRecord): Promise<void> {
    await super._updateRecord(record);
    if (this.acknowledged.complete < 1) {
      throw underReplicatedError(record, { requested: 1, acknowledged: 0, timeoutMs: 50 }, 'it is stored on the primary only');
    }
  }
}

function recorder() {
  const events: IdempotencyEvent[] = [];
  return { events, onEvent: (event: IdempotencyEvent) => events.push(event) };
}

describe('a write that fewer replicas acknowledged than the store waits for', () => {
  it('on completion: the caller gets its result, and completed then underReplicated are reported with the counts', async () => {
    const persistenceStore = new ReplicatedMemoryStore();
    persistenceStore.acknowledged.complete = 0;
    const { events, onEvent } = recorder();
    const charge = makeIdempotent(async (order: { id: string }) => ({ charged: order.id }), {
      persistenceStore,
      config: new IdempotencyConfig({ onEvent }),
    });

    await expect(charge({ id: 'o-1' })).resolves.toEqual({ charged: 'o-1' });

    expect(events.map((event) => event.type)).toEqual(['claimed', 'completed', 'underReplicated']);
    expect(events[2]).toEqual({
      type: 'underReplicated',
      idempotencyKey: events[0]?.idempotencyKey,
      replicasRequested: 1,
      replicasAcknowledged: 0,
    });
    // Stored on the primary: a repeat replays it.
    await expect(charge({ id: 'o-1' })).resolves.toEqual({ charged: 'o-1' });
  });

  it('on completion without onEvent: one warning with the counts, naming the key but not the result', async () => {
    const persistenceStore = new ReplicatedMemoryStore();
    persistenceStore.acknowledged.complete = 0;
    const charge = makeIdempotent(async (_order: { id: string }) => 'secret result', { persistenceStore, keyPrefix: 'charge' });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await expect(charge({ id: 'o-2' })).resolves.toBe('secret result');
      expect(warn).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(warn.mock.calls[0]?.[0])) as Record<string, string>;
      expect(line).toMatchObject({ level: 'WARN', source: 'idem' });
      expect(line.message).toContain('0 of 1 replica(s)');
      expect(line.idempotencyKey).toMatch(/^charge#/);
      expect(JSON.stringify(line)).not.toContain('secret result');
    } finally {
      warn.mockRestore();
    }
  });

  it('on a claim: IdempotencyPersistenceLayerError naming the shortfall, reported as storeError, and the function does not run', async () => {
    const persistenceStore = new ReplicatedMemoryStore();
    persistenceStore.acknowledged.claim = 0;
    const { events, onEvent } = recorder();
    const body = jest.fn(async (_order: { id: string }) => 'ran');
    const charge = makeIdempotent(body, { persistenceStore, config: new IdempotencyConfig({ onEvent }) });

    const failure = charge({ id: 'o-3' });

    await expect(failure).rejects.toBeInstanceOf(IdempotencyPersistenceLayerError);
    await expect(failure).rejects.toBeInstanceOf(IdempotencyUnderReplicatedError);
    await expect(failure).rejects.toMatchObject({
      replicasRequested: 1,
      replicasAcknowledged: 0,
      message: expect.stringContaining('acknowledged by 0 of the 1 replica(s) asked for within 50 ms'),
    });
    expect(body).not.toHaveBeenCalled();
    expect(events.map((event) => event.type)).toEqual(['storeError']);
    expect(events[0]).toMatchObject({ operation: 'claim', errorName: 'IdempotencyUnderReplicatedError' });
  });

  it('jsonLogListener logs underReplicated as WARN', () => {
    const lines: string[] = [];
    jsonLogListener({ write: (line) => lines.push(line) })({
      type: 'underReplicated',
      idempotencyKey: 'k',
      replicasRequested: 2,
      replicasAcknowledged: 1,
    });
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'WARN',
      event: 'underReplicated',
      replicasRequested: 2,
      replicasAcknowledged: 1,
    });
  });
});
