import { createHash, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** A Lambda Context as the runtime passes it, with a fixed remaining time. */
export function lambdaContext(remainingTimeInMillis = 30_000): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'orders-fn',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-fn',
    memoryLimitInMB: '128',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/orders-fn',
    logStreamName: '2026/01/01/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => remainingTimeInMillis,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An order event with a key of its own, so tests on one table never meet. */
export type Order = {
  orderId: string;
  amount: number;
};

export function newOrder(amount = 5): Order {
  return { orderId: `o-${randomUUID()}`, amount };
}

/** A promise and the function that settles it. */
export function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Resolves once `count` of the promises have settled, whatever their outcome. */
export function settledCount(promises: Array<Promise<unknown>>, count: number): Promise<void> {
  return new Promise((resolve) => {
    let settled = 0;
    const one = () => {
      settled++;
      if (settled === count) resolve();
    };
    for (const promise of promises) promise.then(one, one);
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The error name both libraries give a call refused by a live claim. */
export const inProgress = { name: 'IdempotencyAlreadyInProgressError' };

/** The key Powertools gives the hashed text in function orders-fn: `orders-fn#` and its base64 md5. */
export function powertoolsKey(hashedText: string): string {
  return `orders-fn#${createHash('md5').update(hashedText).digest('base64')}`;
}
