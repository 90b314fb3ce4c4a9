// A Fetch API handler, `(request) => Response`, as Next.js route handlers, Bun and Deno take it,
// idempotent per Idempotency-Key; served here by @hono/node-server. `pnpm build && pnpm exec tsx
// examples/servers/fetch.ts` runs a demo client against it; add `--serve` to keep it serving.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { MemoryPersistenceLayer } from '@idem/core';
import { withIdempotency } from '@idem/http/fetch';
import { createOrder, serveOrDemo, verifiedClaims } from './orders.js';

async function createOrderHandler(request: Request): Promise<Response> {
  const order = await createOrder((await request.json()) as { sku: string; quantity: number });
  return Response.json(order, { status: 201, headers: { Location: `/orders/${order.orderId}` } });
}

export const handler = withIdempotency(createOrderHandler, {
  persistenceStore: new MemoryPersistenceLayer(),
  keyPrefix: 'orders-api',
  // A Request has no standard place for a verified caller: say where yours is.
  callerIdentity: (request) => verifiedClaims(request.headers.get('authorization'))?.sub,
});

await serveOrDemo(async (port) => {
  const server = serve({ fetch: handler, port, hostname: '127.0.0.1' }) as Server;
  await once(server, 'listening');
  return server;
});
