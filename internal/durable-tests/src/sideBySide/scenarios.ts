import type { TestResult } from '@aws/durable-execution-sdk-js-testing';
import { runExecution, startExecution } from '../durableRun.js';
import { noSideEffects, type OrderResult, orderWorkflow, type WorkflowOptions } from '../orderWorkflow.js';
import { heldCharge } from '../signal.js';
import type { Library, SideBySideTable } from './libraries.js';

/** One situation a durable function meets, run the same way for every library. */
export interface SideBySideScenario {
  name: string;
  /** What came of it, in words: each execution's outcome, then the side effects. */
  run(library: Library, table: SideBySideTable): Promise<string>;
}

let orders = 0;

/** Numbers the next run's order from 1 again, so a measurement reads the same every time. */
export function restartOrderNumbers(): void {
  orders = 0;
}

/** The workflow of one scenario run, with a payload no other run uses. */
function prepare(library: Library, table: SideBySideTable, options: WorkflowOptions = {}) {
  const effects = noSideEffects();
  orders += 1;
  const handler = library.build(orderWorkflow(effects, options), table);
  const order = { orderId: `o-${orders}`, amount: 10 };
  const report = (executions: Array<[string, TestResult<OrderResult>]>) =>
    `${executions.map(([label, outcome]) => `${label} ${describeOutcome(outcome)}`).join(', ')}; ${describeEffects(effects)}`;
  return { handler, order, options, report };
}

function describeOutcome(outcome: TestResult<OrderResult>): string {
  const status = outcome.getStatus() ?? 'no status';
  if (status !== 'SUCCEEDED') return `${status} (${outcome.getError().errorType})`;
  return status;
}

function describeEffects(effects: ReturnType<typeof noSideEffects>): string {
  return `handler ran ${effects.handlerRuns}×, charged ${effects.charges}×, shipped ${effects.shipments}×`;
}

export const sideBySideScenarios: SideBySideScenario[] = [
  {
    name: 'One execution: charge, a 30-minute wait, ship',
    async run(library, table) {
      const { handler, order, report } = prepare(library, table);
      return report([['the execution', await runExecution<OrderResult>(handler, order)]]);
    },
  },
  {
    name: 'A second execution with the same payload while the first runs its first step',
    async run(library, table) {
      const charge = heldCharge();
      const { handler, order, report } = prepare(library, table, { beforeCharge: charge.beforeCharge });
      const first = startExecution<OrderResult>(handler, order);
      // A library that fails the first execution before its step never reaches the charge.
      await Promise.race([charge.charging, first.outcome]);
      const second = await runExecution<OrderResult>(handler, order);
      charge.finish();
      return report([
        ['the second', second],
        ['the first', await first.outcome],
      ]);
    },
  },
  {
    name: "A second execution with the same payload during the first's 30-minute wait",
    async run(library, table) {
      const { handler, order, report } = prepare(library, table);
      const first = startExecution<OrderResult>(handler, order, { holdInvocation: 2 });
      await Promise.race([first.held, first.outcome]);
      const second = await runExecution<OrderResult>(handler, order);
      first.resume();
      return report([
        ['the second', second],
        ['the first', await first.outcome],
      ]);
    },
  },
  {
    name: 'A later execution with the same payload once the first completed',
    async run(library, table) {
      const { handler, order, report } = prepare(library, table);
      const first = await runExecution<OrderResult>(handler, order);
      const later = await runExecution<OrderResult>(handler, order);
      const succeeded = first.getStatus() === 'SUCCEEDED' && later.getStatus() === 'SUCCEEDED';
      const same = succeeded && JSON.stringify(later.getResult()) === JSON.stringify(first.getResult());
      return report([
        ['the first', first],
        [succeeded ? `the later (${same ? 'the first’s result' : 'a result of its own'})` : 'the later', later],
      ]);
    },
  },
  {
    name: 'The last step fails, then a new execution with the same payload',
    async run(library, table) {
      const { handler, order, options, report } = prepare(library, table, { failShipping: true });
      const failed = await runExecution<OrderResult>(handler, order);
      options.failShipping = false;
      return report([
        ['the first', failed],
        ['the new', await runExecution<OrderResult>(handler, order)],
      ]);
    },
  },
  {
    name: 'The first invocation crashes before its first checkpoint; Lambda invokes it again',
    async run(library, table) {
      const { handler, order, report } = prepare(library, table);
      return report([['the execution', await startExecution<OrderResult>(handler, order, { retryInvocation: 1 }).outcome]]);
    },
  },
];
