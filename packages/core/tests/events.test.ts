import {
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  type IdempotencyEvent,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
  jsonLogListener,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';

class FailingStore extends MemoryPersistenceLayer {
  protected override async _putRecord(): Promise<void> {
    throw new Error('connection reset');
  }
}

function recorder() {
  const events: IdempotencyEvent[] = [];
  return { events, types: () => events.map((event) => event.type), onEvent: (event: IdempotencyEvent) => events.push(event) };
}

describe('onEvent', () => {
  it('reports claimed then completed for a first call, and replayed for a repeat, with timings', async () => {
    const { events, types, onEvent } = recorder();
    const fn = makeIdempotent(async (order: { id: string }) => ({ charged: order.id }), {
      persistenceStore: new MemoryPersistenceLayer(),
      config: new IdempotencyConfig({ onEvent }),
    });
    await fn({ id: 'o-1' });
    await fn({ id: 'o-1' });
    expect(types()).toEqual(['claimed', 'completed', 'replayed']);
    expect(events[2]).toMatchObject({ replayedFrom: 'store' });
    for (const event of events) {
      expect(event.idempotencyKey).toMatch(/#[0-9a-f]{32}$/);
      expect((event as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports local-cache replays, in-progress refusals, validation failures and releases', async () => {
    const { types, onEvent } = recorder();
    let release: () => void = () => {};
    const fn = makeIdempotent(
      async (order: { id: string; amount: number }) => {
        if (order.amount < 0) throw new Error('refund not allowed');
        await new Promise<void>((resolve) => (release = resolve));
        return order.amount;
      },
      {
        persistenceStore: new MemoryPersistenceLayer(),
        config: new IdempotencyConfig({
          eventKeyJmesPath: 'id',
          payloadValidationJmesPath: 'amount',
          useLocalCache: true,
          onEvent,
        }),
      }
    );
    const first = fn({ id: 'a', amount: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    await expect(fn({ id: 'a', amount: 1 })).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
    release();
    await first;
    await fn({ id: 'a', amount: 1 });
    await expect(fn({ id: 'a', amount: 2 })).rejects.toBeInstanceOf(IdempotencyValidationError);
    await expect(fn({ id: 'b', amount: -1 })).rejects.toThrow('refund not allowed');
    expect(types()).toEqual(['claimed', 'inProgress', 'completed', 'replayed', 'validationFailed', 'claimed', 'released']);
  });

  it('reports a store error with the operation and the error class, not its message', async () => {
    const { events, onEvent } = recorder();
    const fn = makeIdempotent(async (_: { id: string }) => 1, {
      persistenceStore: new FailingStore(),
      config: new IdempotencyConfig({ onEvent }),
    });
    await expect(fn({ id: 'x' })).rejects.toBeInstanceOf(IdempotencyPersistenceLayerError);
    expect(events).toEqual([
      expect.objectContaining({ type: 'storeError', operation: 'claim', errorName: 'IdempotencyPersistenceLayerError' }),
    ]);
  });

  it('ignores a listener that throws', async () => {
    const fn = makeIdempotent(async (_: { id: string }) => 'ok', {
      persistenceStore: new MemoryPersistenceLayer(),
      config: new IdempotencyConfig({
        onEvent: () => {
          throw new Error('listener bug');
        },
      }),
    });
    await expect(fn({ id: 'x' })).resolves.toBe('ok');
  });
});

describe('jsonLogListener', () => {
  it('writes one JSON line per event with the key and never the payload or response', async () => {
    const lines: string[] = [];
    const fn = makeIdempotent(async (_: { card: string }) => ({ secret: 'response-secret' }), {
      persistenceStore: new MemoryPersistenceLayer(),
      config: new IdempotencyConfig({ onEvent: jsonLogListener({ write: (line) => lines.push(line) }) }),
    });
    await fn({ card: 'payload-secret' });
    await fn({ card: 'payload-secret' });
    expect(lines).toHaveLength(3);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed.map((entry) => entry.event)).toEqual(['claimed', 'completed', 'replayed']);
    expect(parsed[0]).toMatchObject({ level: 'INFO', source: 'idem' });
    expect(lines.join('\n')).not.toMatch(/payload-secret|response-secret/);
  });

  it('logs only the chosen event types, store errors as WARN', () => {
    const lines: string[] = [];
    const listener = jsonLogListener({ write: (line) => lines.push(line), types: ['storeError'] });
    listener({ type: 'claimed', idempotencyKey: 'k', durationMs: 1 });
    listener({ type: 'storeError', idempotencyKey: 'k', operation: 'claim', errorName: 'TimeoutError', durationMs: 5 });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'WARN', event: 'storeError', operation: 'claim', errorName: 'TimeoutError' }),
    ]);
  });
});
