import {
  durableOwnerToken,
  IdempotencyAlreadyInProgressError,
  IdempotencyConfig,
  type IdempotencyConfigOptions,
  type IdempotencyEvent,
  IdempotencyItemNotFoundError,
  makeIdempotent,
} from '@idem/core';
import {
  heldCharge,
  noSideEffects,
  type OrderEvent,
  type OrderResult,
  orderWorkflow,
  passTime,
  type RunningStore,
  runExecution,
  type SideEffects,
  type StoreUnderTest,
  type Subject,
  setupDurableTestEnvironment,
  startExecution,
  teardownDurableTestEnvironment,
  thirtyMinutes,
  type WorkflowOptions,
} from '@idem/durable-tests';
import type { Context } from 'aws-lambda';

// Concurrency is steered, not timed: the runner's fake clock (skipTime) is global to the
// process, so one execution's wait moves time for all. A second execution therefore runs while
// the first is held at a chosen invocation (after its wait passed on the clock, before it
// resumes), which is the moment a lease tied to one invocation would already have lapsed.

const order: OrderEvent = { orderId: 'o-42', amount: 10 };
let prefixes = 0;

/** One idempotent durable workflow on a store, with what it did and what idem reported. */
function durableOrders(
  running: RunningStore,
  subject: Subject,
  workflowOptions: WorkflowOptions = {},
  configOptions: IdempotencyConfigOptions = {}
) {
  const effects: SideEffects = noSideEffects();
  const events: IdempotencyEvent[] = [];
  const config = new IdempotencyConfig({ ...configOptions, onEvent: (event) => events.push(event) });
  prefixes += 1;
  const options = { persistenceStore: running.store, config, keyPrefix: `durable-${prefixes}` };
  const workflow = orderWorkflow(effects, workflowOptions);
  return {
    effects,
    handler: subject.build(workflow, options),
    /** The same function called as a plain Lambda handler: the same key, another caller. */
    plainCall: (event: OrderEvent) => makeIdempotent(workflow, options)(event, plainLambdaContext() as never),
    eventTypes: () => events.map((event) => event.type),
    key: () => events[0]?.idempotencyKey ?? '',
  };
}

/** The Lambda context of a plain invocation, which is no durable execution. */
function plainLambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'orders',
    functionVersion: '1',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders',
    memoryLimitInMB: '128',
    awsRequestId: 'plain-call',
    logGroupName: '/aws/lambda/orders',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 900_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * The scenarios of a durable execution made idempotent, on one store, through each subject: the
 * same scenarios and expectations whichever store and front end.
 */
export function describeDurableExecutions(storeUnderTest: StoreUnderTest, subjectsUnderTest: Subject[]): void {
  describe(`durable executions on ${storeUnderTest.name}`, () => {
    let running: RunningStore;
    beforeAll(async () => {
      running = await storeUnderTest.start();
      await setupDurableTestEnvironment();
    });
    afterAll(async () => {
      await teardownDurableTestEnvironment();
      await running?.stop();
    });

    describe.each(subjectsUnderTest)('through $name', (subject) => {
      it('runs each step once across the replay after its wait, and stores the result once, owned by the execution', async () => {
        const orders = durableOrders(running, subject);
        const execution = startExecution<OrderResult>(orders.handler, order);
        const outcome = await execution.outcome;

        expect(outcome.getStatus()).toBe('SUCCEEDED');
        expect(outcome.getResult()).toEqual({ chargeId: 'charge-o-42-1', shipmentId: 'shipment-o-42-1' });
        expect(outcome.getInvocations()).toHaveLength(2);
        expect(orders.effects).toEqual({ handlerRuns: 2, charges: 1, shipments: 1 });
        expect(orders.eventTypes()).toEqual(['claimed', 'reentered', 'completed']);
        const record = await running.store.fetch(orders.key());
        expect(record.getStatus()).toBe('COMPLETED');
        expect(record.getResponse()).toEqual({ chargeId: 'charge-o-42-1', shipmentId: 'shipment-o-42-1' });
        expect(record.ownerToken).toBe(durableOwnerToken(execution.arn()));
      });

      it('refuses a second execution and a plain call with the same payload while the first waits, across a wait longer than an invocation and than expiresAfterSeconds', async () => {
        const orders = durableOrders(running, subject, { waitSeconds: 2 * 86_400 });
        const startedAt = Date.now();
        const first = startExecution<OrderResult>(orders.handler, order, { holdInvocation: 2 });
        await first.held;
        // The wait passed on the clock: an invocation-bound lease (15 min at most) and the record's
        // own expiry (3600 s) would both have lapsed by now.
        expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2 * 86_400_000);

        const second = await runExecution(orders.handler, order);
        expect(second.getStatus()).toBe('FAILED');
        expect(second.getError().errorType).toBe('IdempotencyAlreadyInProgressError');
        await expect(orders.plainCall(order)).rejects.toBeInstanceOf(IdempotencyAlreadyInProgressError);
        expect(orders.effects).toEqual({ handlerRuns: 1, charges: 1, shipments: 0 });

        first.resume();
        const outcome = await first.outcome;
        expect(outcome.getStatus()).toBe('SUCCEEDED');
        expect(orders.effects).toEqual({ handlerRuns: 2, charges: 1, shipments: 1 });
        expect(orders.eventTypes()).toEqual(['claimed', 'inProgress', 'inProgress', 'reentered', 'completed']);
      });

      it('refuses a second execution with the same payload while the first runs its first step', async () => {
        const charge = heldCharge();
        const orders = durableOrders(running, subject, { beforeCharge: charge.beforeCharge });
        const first = startExecution<OrderResult>(orders.handler, order);
        await charge.charging;

        const second = await runExecution(orders.handler, order);
        expect(second.getStatus()).toBe('FAILED');
        expect(second.getError().errorType).toBe('IdempotencyAlreadyInProgressError');

        charge.finish();
        expect((await first.outcome).getStatus()).toBe('SUCCEEDED');
        expect(orders.effects).toEqual({ handlerRuns: 2, charges: 1, shipments: 1 });
      });

      it('gives a later execution with the same payload the stored result without running the handler', async () => {
        const orders = durableOrders(running, subject);
        const first = await runExecution<OrderResult>(orders.handler, order);
        const later = await runExecution<OrderResult>(orders.handler, order);

        expect(later.getStatus()).toBe('SUCCEEDED');
        expect(later.getResult()).toEqual(first.getResult());
        expect(later.getInvocations()).toHaveLength(1);
        expect(later.getOperations()).toHaveLength(0);
        expect(orders.effects).toEqual({ handlerRuns: 2, charges: 1, shipments: 1 });
        expect(orders.eventTypes()).toEqual(['claimed', 'reentered', 'completed', 'replayed']);
      });

      it('releases the key of an execution whose step failed, so the next execution with the same payload runs', async () => {
        const workflowOptions: WorkflowOptions = { failShipping: true };
        const orders = durableOrders(running, subject, workflowOptions);
        const failed = await runExecution(orders.handler, order);

        expect(failed.getStatus()).toBe('FAILED');
        expect(failed.getError()).toMatchObject({ errorType: 'StepError', errorMessage: 'the warehouse refused the order' });
        expect(orders.eventTypes()).toEqual(['claimed', 'reentered', 'released']);
        await expect(running.store.fetch(orders.key())).rejects.toBeInstanceOf(IdempotencyItemNotFoundError);

        workflowOptions.failShipping = false;
        const next = await runExecution<OrderResult>(orders.handler, order);
        expect(next.getStatus()).toBe('SUCCEEDED');
        expect(next.getResult()).toEqual({ chargeId: 'charge-o-42-2', shipmentId: 'shipment-o-42-2' });
        expect(orders.eventTypes().slice(3)).toEqual(['claimed', 'reentered', 'completed']);
      });

      it('re-enters its own claim when an invocation crashed before its first checkpoint and Lambda invoked it again', async () => {
        const orders = durableOrders(running, subject);
        const outcome = await startExecution<OrderResult>(orders.handler, order, { retryInvocation: 1 }).outcome;

        expect(outcome.getStatus()).toBe('SUCCEEDED');
        expect(orders.effects).toEqual({ handlerRuns: 3, charges: 1, shipments: 1 });
        expect(orders.eventTypes()).toEqual(['claimed', 'reentered', 'reentered', 'completed']);
      });

      it('keeps the key of an abandoned execution for durableExecutionTimeoutSeconds, then lets another execution run', async () => {
        const orders = durableOrders(running, subject, { waitSeconds: thirtyMinutes }, { durableExecutionTimeoutSeconds: 3600 });
        const abandoned = startExecution(orders.handler, order, { abandonInvocation: 2 });
        await expect(abandoned.outcome).rejects.toThrow('abandoned');

        // 30 minutes on: the execution could still be alive, so its key stays taken.
        const tooEarly = await runExecution(orders.handler, order);
        expect(tooEarly.getError().errorType).toBe('IdempotencyAlreadyInProgressError');

        await passTime(thirtyMinutes + 60);
        const after = await runExecution<OrderResult>(orders.handler, order);
        expect(after.getStatus()).toBe('SUCCEEDED');
        expect(after.getResult()).toEqual({ chargeId: 'charge-o-42-2', shipmentId: 'shipment-o-42-1' });
      });
    });
  });
}
