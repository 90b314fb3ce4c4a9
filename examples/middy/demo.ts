import type { Context } from 'aws-lambda';
import { cardNetwork, handler } from './handler.js';

/** What a client sees posting an order, its retry, and the same order with another amount. */
export async function demo(): Promise<{ responses: unknown[]; charges: number }> {
  const context = {
    functionName: 'charge-card',
    awsRequestId: 'demo',
    getRemainingTimeInMillis: () => 30_000,
  } as Context;
  const post = (body: string) =>
    handler({ headers: { 'content-type': 'application/json' }, body } as never, context).catch(
      (error: Error) => `${error.name}: ${error.message}`
    );

  const responses = [
    await post('{"orderId":"o-42","amount":1999}'),
    // The client timed out and retries: same order, written differently.
    await post('{ "amount": 1999, "orderId": "o-42" }'),
    await post('{"orderId":"o-42","amount":5}'),
  ];
  return { responses, charges: cardNetwork.charges.length };
}
