import { type DurableContext, withDurableExecution } from '@aws/durable-execution-sdk-js';
import {
  IdempotencyConfig,
  type IdempotencyEvent,
  isDurableContext,
  isLambdaContext,
  MemoryPersistenceLayer,
  makeIdempotent,
} from '@idem/core';
import type { ItempotentFunctionOptions } from '@idem/core/types';
import {
  runExecution,
  setupDurableTestEnvironment,
  teardownDurableTestEnvironment,
  thirtyMinutes,
  waitOnTheClock,
} from '@idem/durable-tests';

// What a replay re-enters, with functions made idempotent inside a durable handler: such a
// function takes the DurableContext as its second argument, so its claims are the execution's.

beforeAll(setupDurableTestEnvironment);
afterAll(teardownDurableTestEnvironment);

interface Reservation {
  sku: string;
  quantity: number;
}

function reservations(persistenceStore = new MemoryPersistenceLayer()) {
  const events: IdempotencyEvent[] = [];
  const reserved: Reservation[] = [];
  const reserve = makeIdempotent(
    async (reservation: Reservation, context: DurableContext) => {
      // A wait inside the function: its claim is in progress when the invocation suspends.
      await waitOnTheClock(context, `hold ${reservation.sku}`, thirtyMinutes);
      reserved.push(reservation);
      return { reserved: reservation.quantity };
    },
    {
      persistenceStore,
      keyPrefix: 'reserve',
      config: new IdempotencyConfig({
        eventKeyJmesPath: 'sku',
        payloadValidationJmesPath: 'quantity',
        onEvent: (event) => events.push(event),
      }),
    }
  );
  return { reserve, reserved, eventTypes: () => events.map((event) => event.type) };
}

describe('a function made idempotent inside a durable handler', () => {
  it('re-enters its claim on the replay after its wait and completes it once', async () => {
    const { reserve, reserved, eventTypes } = reservations();
    const handler = withDurableExecution(async (_event: unknown, context: DurableContext) =>
      reserve({ sku: 'lamp', quantity: 1 }, context)
    );

    const outcome = await runExecution(handler, {});
    expect(outcome.getStatus()).toBe('SUCCEEDED');
    expect(outcome.getResult()).toEqual({ reserved: 1 });
    expect(reserved).toEqual([{ sku: 'lamp', quantity: 1 }]);
    expect(eventTypes()).toEqual(['claimed', 'reentered', 'completed']);
  });

  it('replays, not re-enters, a key the execution already completed', async () => {
    const { reserve, reserved, eventTypes } = reservations();
    const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
      const first = await reserve({ sku: 'desk', quantity: 2 }, context);
      const again = await reserve({ sku: 'desk', quantity: 2 }, context);
      return { first, again };
    });

    const outcome = await runExecution(handler, {});
    expect(outcome.getResult()).toEqual({ first: { reserved: 2 }, again: { reserved: 2 } });
    expect(reserved).toHaveLength(1);
    expect(eventTypes()).toEqual(['claimed', 'reentered', 'completed', 'replayed']);
  });

  it('gives a replay whose payload no longer matches its claim IdempotencyValidationError, not the claim', async () => {
    const { reserve, reserved, eventTypes } = reservations();
    let invocations = 0;
    const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
      invocations += 1;
      // Not deterministic across replays: the second invocation asks for another quantity.
      return reserve({ sku: 'chair', quantity: invocations }, context);
    });

    const outcome = await runExecution(handler, {});
    expect(outcome.getStatus()).toBe('FAILED');
    expect(outcome.getError().errorType).toBe('IdempotencyValidationError');
    expect(reserved).toEqual([]);
    expect(eventTypes()).toEqual(['claimed', 'validationFailed']);
  });
});

describe('the DurableContext of the SDK', () => {
  it('is recognised as a durable context, and its Lambda context as a plain one', async () => {
    const seen: Array<{ durable: boolean; lambda: boolean; ofLambdaContext: boolean }> = [];
    const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
      seen.push({
        durable: isDurableContext(context),
        lambda: isLambdaContext(context),
        ofLambdaContext: isDurableContext(context.lambdaContext),
      });
      return 'seen';
    });

    await runExecution(handler, {});
    expect(seen).toEqual([{ durable: true, lambda: false, ofLambdaContext: false }]);
  });

  it('takes the handler form of the options: no dataIndexArgument (type test)', () => {
    const persistenceStore = new MemoryPersistenceLayer();
    const durableHandler = async (_event: { orderId: string }, _context: DurableContext) => 'done';
    // @ts-expect-error a durable handler's payload is always its event
    makeIdempotent(durableHandler, { persistenceStore, dataIndexArgument: 1 });
    // @ts-expect-error the same through the options type
    const options: ItempotentFunctionOptions<[{ orderId: string }, DurableContext]> = { persistenceStore, dataIndexArgument: 0 };
    void options;
    // The idempotent handler is still a durable handler.
    expect(typeof withDurableExecution(makeIdempotent(durableHandler, { persistenceStore }))).toBe('function');
  });
});
