// needs: @idem/http
// Beyond the seed: an HTTP handler made idempotent by the Idempotency-Key header, called twice
// with an API Gateway REST event in a user's project. The retry replays the first response.
import assert from 'node:assert/strict';
import { MemoryPersistenceLayer } from '@idem/core';
import { makeHttpIdempotent } from '@idem/http';

let ordersCreated = 0;

const handler = makeHttpIdempotent(
  async (event: { body: string | null }) => {
    ordersCreated++;
    const order = { orderId: `ord_${ordersCreated}`, ...JSON.parse(event.body ?? '{}') };
    return { statusCode: 201, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(order) };
  },
  { persistenceStore: new MemoryPersistenceLayer(), keyPrefix: 'orders-api' }
);

const event = {
  resource: '/orders',
  path: '/orders',
  httpMethod: 'POST',
  headers: { 'Content-Type': 'application/json', 'Idempotency-Key': '"order-key-1"' },
  requestContext: { httpMethod: 'POST', path: '/prod/orders', authorizer: { claims: { sub: 'user-1' } } },
  body: JSON.stringify({ sku: 'book', quantity: 1 }),
  isBase64Encoded: false,
};
const context = { functionName: 'orders-api', awsRequestId: 'request-1', getRemainingTimeInMillis: () => 29_000 };

async function main(): Promise<void> {
  const first = await handler(event, context);
  const retry = await handler(event, context);
  assert.equal(ordersCreated, 1);
  assert.equal(retry.statusCode, 201);
  assert.equal(retry.body, first.body);
  assert.equal((retry.headers as Record<string, string> | undefined)?.['Idempotent-Replayed'], 'true');
  console.log('replayed', retry.statusCode, retry.body);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
