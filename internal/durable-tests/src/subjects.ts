import { type DurableContext, type DurableLambdaHandler, withDurableExecution } from '@aws/durable-execution-sdk-js';
import { type IdempotencyLambdaHandlerOptions, idempotent, makeIdempotent } from '@idem/core';
import { makeHandlerIdempotent } from '@idem/middy';
import middyNewest from 'middy-newest';
import { executionModeDurableContext } from 'middy-newest/executionModeDurableContext';
import middyOldest from 'middy-oldest';
import type { DurableOrderHandler, OrderEvent, OrderResult } from './orderWorkflow.js';

/** One way of making a durable handler idempotent; the scenarios run through each. */
export interface Subject {
  name: string;
  /** The Lambda handler of the durable function: the idempotent workflow, wrapped by `withDurableExecution`. */
  build(workflow: DurableOrderHandler, options: IdempotencyLambdaHandlerOptions): DurableLambdaHandler;
}

export const subjects: Subject[] = [
  {
    name: 'makeIdempotent',
    build: (workflow, options) => withDurableExecution(makeIdempotent(workflow, options)),
  },
  {
    name: '@idempotent',
    build(workflow, options) {
      class Orders {
        @idempotent(options)
        async fulfil(event: OrderEvent, context: DurableContext): Promise<OrderResult> {
          return workflow(event, context);
        }
      }
      const orders = new Orders();
      return withDurableExecution((event: OrderEvent, context) => orders.fulfil(event, context));
    },
  },
  {
    name: 'makeHandlerIdempotent on @middy/core 6.0.0 inside withDurableExecution',
    build(workflow, options) {
      const handler = middyOldest(workflow as never).use(makeHandlerIdempotent(options));
      return withDurableExecution((event: OrderEvent, context) => handler(event, context as never));
    },
  },
  {
    name: 'makeHandlerIdempotent on @middy/core 7 inside withDurableExecution',
    build(workflow, options) {
      const handler = middyNewest(workflow).use(makeHandlerIdempotent(options));
      return withDurableExecution((event: OrderEvent, context) => handler(event, context as never));
    },
  },
  {
    name: "makeHandlerIdempotent on @middy/core 7's executionModeDurableContext",
    build(workflow, options) {
      const handler = middyNewest(workflow, { executionMode: executionModeDurableContext }).use(makeHandlerIdempotent(options));
      return handler as unknown as DurableLambdaHandler;
    },
  },
];

/**
 * The subjects every store runs: the wrapper and Middy's durable mode. What differs between
 * stores is the engine's use of them, which both exercise; the front ends differ only in how
 * they reach the engine, which the memory store runs for all of them.
 */
export const storeSubjects: Subject[] = subjects.filter(
  (subject) => subject.name === 'makeIdempotent' || subject.name.includes('executionModeDurableContext')
);
