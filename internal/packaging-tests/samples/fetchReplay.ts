// needs: @idem/http
// Beyond the seed: a Fetch API handler made idempotent by the Idempotency-Key header in a user's
// project that installs no framework (the Fetch front end needs none). The retry replays.
import assert from 'node:assert/strict';
import { MemoryPersistenceLayer } from '@idem/core';
import { withIdempotency } from '@idem/http/fetch';

let ordersCreated = 0;

const handler = withIdempotency(
  async (request: Request) => {
    ordersCreated++;
    const order = { orderId: `ord_${ordersCreated}`, ...((await request.json()) as object) };
    return Response.json(order, { status: 201 });
  },
  { persistenceStore: new MemoryPersistenceLayer(), keyPrefix: 'orders-api', callerIdentity: () => 'user-1' }
);

const request = () =>
  new Request('https://api.example.com/orders', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': '"order-key-1"' },
    body: JSON.stringify({ sku: 'book', quantity: 1 }),
  });

async function main(): Promise<void> {
  const first = await handler(request());
  const retry = await handler(request());
  assert.equal(ordersCreated, 1);
  assert.equal(retry.status, 201);
  assert.equal(await retry.text(), await first.text());
  assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
  console.log('replayed', retry.status);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
