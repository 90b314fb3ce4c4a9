import type { DurableContext } from '@aws/durable-execution-sdk-js';
import { crashPoint, waitOnTheClock } from './durableRun.js';

/** The event of every scenario: an order to charge and ship. */
export interface OrderEvent {
  orderId: string;
  amount: number;
}

/** What the workflow returns: the ids its two steps made, numbered by how often each step ran. */
export interface OrderResult {
  chargeId: string;
  shipmentId: string;
}

/** The side effects every execution of the workflow performed, counted across executions. */
export interface SideEffects {
  /** How often the handler ran: once per invocation that got past idempotency. */
  handlerRuns: number;
  /** How often the charge step's body ran: the side effect that must happen once. */
  charges: number;
  /** How often the ship step's body ran. */
  shipments: number;
}

/** What a scenario changes in the workflow. */
export interface WorkflowOptions {
  /** The wait between the two steps. @default 30 minutes: longer than any one invocation may run */
  waitSeconds?: number;
  /** The ship step throws (once, without retries), so the execution fails. @default false */
  failShipping?: boolean;
  /** Runs in the charge step's body before it charges; the step waits for what it returns. */
  beforeCharge?: () => Promise<void>;
}

/** A durable handler as the scenarios write it, before it is made idempotent. */
export type DurableOrderHandler = (event: OrderEvent, context: DurableContext) => Promise<OrderResult>;

export const thirtyMinutes = 30 * 60;

/** Charge, wait, ship: the durable workflow every scenario runs. */
export function orderWorkflow(effects: SideEffects, options: WorkflowOptions = {}): DurableOrderHandler {
  return async (event, context) => {
    effects.handlerRuns += 1;
    await crashPoint(context);
    const chargeId = await context.step('charge', async () => {
      await options.beforeCharge?.();
      effects.charges += 1;
      return `charge-${event.orderId}-${effects.charges}`;
    });
    await waitOnTheClock(context, 'cool-off', options.waitSeconds ?? thirtyMinutes);
    const shipmentId = await context.step(
      'ship',
      async () => {
        effects.shipments += 1;
        if (options.failShipping) throw new Error('the warehouse refused the order');
        return `shipment-${event.orderId}-${effects.shipments}`;
      },
      { retryStrategy: () => ({ shouldRetry: false }) }
    );
    return { chargeId, shipmentId };
  };
}

export function noSideEffects(): SideEffects {
  return { handlerRuns: 0, charges: 0, shipments: 0 };
}
