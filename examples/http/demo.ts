// An idempotent `POST /orders` behind API Gateway, driven by clients that retry: run it with
// `pnpm exec tsx examples/http/demo.ts` after `pnpm build`.
import { MemoryPersistenceLayer } from '@idem/core';
import { apiGatewayEvent, lambdaContext, type RestRequest } from './apiGatewayEvent.js';
import { createdOrders, downstream, ordersApi } from './ordersApi.js';
import { type HttpAnswer, sendIdempotently } from './retryingClient.js';

const handler = ordersApi(new MemoryPersistenceLayer());
const post = (request: RestRequest) => handler(apiGatewayEvent(request), lambdaContext()) as Promise<HttpAnswer>;
const retry = { maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 2000 };
const book = { sku: 'book-42', quantity: 1 };

function describe(answer: HttpAnswer): string {
  const replayed = answer.headers?.['Idempotent-Replayed'] === 'true' ? ' (replayed)' : '';
  if (answer.headers?.['Content-Type'] === 'application/problem+json') {
    const problem = JSON.parse(answer.body ?? '{}') as { title: string };
    return `${answer.statusCode} ${problem.title}`;
  }
  return `${answer.statusCode} ${answer.body}${replayed}`;
}

async function main() {
  const rows: Array<[string, string]> = [];
  const row = (what: string, outcome: string) => rows.push([what, outcome]);

  // 1. The response is lost on the way back: the client retries with the same key.
  const first = await post({ user: 'alice', idempotencyKey: 'k-1001', body: book });
  row('alice: first POST', describe(first));
  row('alice: retry, same key', describe(await post({ user: 'alice', idempotencyKey: 'k-1001', body: book })));

  // 2. A double click: two requests with one key at once.
  const [a, b] = await Promise.all([
    post({ user: 'alice', idempotencyKey: 'k-1002', body: book }),
    post({ user: 'alice', idempotencyKey: 'k-1002', body: book }),
  ]);
  row('alice: double click', `${describe(a)} | ${describe(b)}`);

  // 3. The retrying client waits out the 409 (Retry-After) and gets the first outcome.
  const slow = post({ user: 'alice', idempotencyKey: 'k-1003', body: book });
  const { answer, attempts } = await sendIdempotently(
    (key) => post({ user: 'alice', idempotencyKey: key, body: book }),
    retry,
    'k-1003'
  );
  await slow;
  row(`alice: client retries a 409`, `${describe(answer)} after ${attempts} attempts`);

  // 4. A 503 releases the key: the client's retry runs the order for real.
  downstream.failNextCall = true;
  const afterOutage = await sendIdempotently((key) => post({ user: 'alice', idempotencyKey: key, body: book }), retry, 'k-1004');
  row('alice: 503, then retry', `${describe(afterOutage.answer)} after ${afterOutage.attempts} attempts`);

  // 5. Mistakes the API refuses.
  row(
    'alice: same key, 3 books',
    describe(await post({ user: 'alice', idempotencyKey: 'k-1001', body: { ...book, quantity: 3 } }))
  );
  row('alice: no key', describe(await post({ user: 'alice', body: book })));

  // 6. Another caller who happens to pick the same key gets an order of its own.
  row('bob: key k-1001 too', describe(await post({ user: 'bob', idempotencyKey: 'k-1001', body: book })));

  const width = 30;
  console.log(`${'request'.padEnd(width)}what the client got`);
  for (const [what, outcome] of rows) console.log(`${what.padEnd(width)}${outcome}`);
  console.log(`\n${createdOrders.length} orders created: ${createdOrders.map((o) => o.orderId).join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
