import { randomUUID } from 'node:crypto';
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError, makeIdempotent } from '@idem/core';
import type { ContractCheck, ContractContext } from '../ContractCheck.js';
import { failCheck, failOver } from '../ContractViolation.js';
import { jsonEqual } from './jsonEqual.js';
import { errorName } from './support.js';

interface Order {
  orderId: string;
  amount: number;
}

/** An idempotent function on the layer under test, keyed by order id, validating the amount. */
function idempotentCharge<Result>(context: ContractContext, charge: (order: Order) => Promise<Result>) {
  return makeIdempotent(charge, {
    persistenceStore: context.layer,
    config: new IdempotencyConfig({ eventKeyJmesPath: 'orderId', payloadValidationJmesPath: 'amount' }),
    keyPrefix: context.newKey(),
  });
}

const newOrder = (amount = 10): Order => ({ orderId: randomUUID(), amount });

export const firstCallRuns: ContractCheck = {
  guarantee: 'makeIdempotent: the first call runs the function',
  operation: 'claim',
  async run(context) {
    let runs = 0;
    const charge = idempotentCharge(context, async (order: Order) => ({ charged: order.amount, run: ++runs }));
    const result = await charge(newOrder(25));
    if (runs !== 1 || !jsonEqual(result, { charged: 25, run: 1 })) {
      failCheck(`the first call ran the function ${runs} times and returned ${JSON.stringify(result)}`);
    }
  },
};

export const repeatReplays: ContractCheck = {
  guarantee: 'makeIdempotent: a repeat call replays the first result',
  // A repeat reads the completed record: its response and payload hash are what it replays.
  operation: 'complete',
  async run(context) {
    let runs = 0;
    // Read through a function: the runs happen inside the wrapped function, where narrowing cannot see them.
    const runCount = () => runs;
    const charge = idempotentCharge(context, async (order: Order) => ({ charged: order.amount, run: ++runs, note: null }));
    const order = newOrder();
    const first = await charge(order);
    const repeat = await charge({ ...order });
    if (runCount() !== 1 || !jsonEqual(repeat, first)) {
      failCheck(
        `the repeat ran the function (${runCount()} runs) or returned ${JSON.stringify(repeat)} instead of ${JSON.stringify(first)}`
      );
    }
    await charge(newOrder());
    if (runCount() !== 2) failCheck('a call with another key replayed instead of running the function');
  },
};

const concurrentCalls = 20;

export const concurrentDuplicatesRunOnce: ContractCheck = {
  guarantee: 'makeIdempotent: concurrent duplicates run the function once',
  operation: 'claim',
  async run(context) {
    let runs = 0;
    let settled = 0;
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const charge = idempotentCharge(context, async (order: Order) => {
      runs++;
      // A second run means the duplicates were not stopped: let everyone finish so the check can say so.
      if (runs > 1) openGate();
      await gate;
      return { charged: order.amount };
    });
    const order = newOrder();
    // The one running call holds its claim until every duplicate has been answered.
    const calls = Array.from({ length: concurrentCalls }, () =>
      charge({ ...order }).finally(() => {
        if (++settled === concurrentCalls - 1) openGate();
      })
    );
    const outcomes = await Promise.allSettled(calls);
    if (runs !== 1) failCheck(`${concurrentCalls} concurrent calls ran the function ${runs} times`);
    const refusals = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    const strange = refusals.find((error) => !(error instanceof IdempotencyAlreadyInProgressError));
    if (strange !== undefined)
      failOver(strange, `a duplicate failed with ${errorName(strange)} instead of IdempotencyAlreadyInProgressError`);
    const replay = await charge({ ...order });
    if (runs !== 1 || !jsonEqual(replay, { charged: order.amount })) {
      failCheck(`after the run completed, a duplicate got ${JSON.stringify(replay)} (${runs} runs)`);
    }
  },
};

export const errorReleasesKey: ContractCheck = {
  guarantee: 'makeIdempotent: a function error releases the key',
  operation: 'release',
  async run(context) {
    let runs = 0;
    const failure = new Error('card declined');
    const charge = idempotentCharge(context, async (order: Order) => {
      if (++runs === 1) throw failure;
      return { charged: order.amount };
    });
    const order = newOrder();
    const thrown = await charge(order).then(
      () => undefined,
      (error: unknown) => error
    );
    if (thrown !== failure) failOver(thrown, `the caller got ${errorName(thrown)} instead of the function's own error`);
    let retry: unknown;
    try {
      retry = await charge({ ...order });
    } catch (error) {
      failOver(error, `the retry after the error failed with ${errorName(error)}`);
    }
    if (runs !== 2 || !jsonEqual(retry, { charged: order.amount })) {
      failCheck(`the retry after the error ran ${runs - 1} times and returned ${JSON.stringify(retry)}`);
    }
  },
};

export const payloadMismatchRejected: ContractCheck = {
  guarantee: 'makeIdempotent: a payload mismatch is rejected with IdempotencyValidationError',
  // The repeat compares its payload hash with the one the completed record kept.
  operation: 'complete',
  async run(context) {
    let runs = 0;
    const charge = idempotentCharge(context, async (order: Order) => ({ charged: order.amount, run: ++runs }));
    const order = newOrder(10);
    await charge(order);
    const outcome = await charge({ ...order, amount: 9999 }).then(
      (result) => `returned ${JSON.stringify(result)}`,
      (error: unknown) => error
    );
    if (!(outcome instanceof IdempotencyValidationError)) {
      failOver(
        outcome,
        `the same key with another amount ${typeof outcome === 'string' ? outcome : `failed with ${errorName(outcome)}`}`
      );
    }
    if (runs !== 1) failCheck(`the mismatched call ran the function (${runs} runs)`);
  },
};
