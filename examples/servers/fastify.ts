// POST /orders on Fastify 5, idempotent per Idempotency-Key: `pnpm build && pnpm exec tsx
// examples/servers/fastify.ts` runs a demo client against it; add `--serve` to keep it serving.
import { MemoryPersistenceLayer } from '@idem/core';
import idempotency from '@idem/http/fastify';
import Fastify from 'fastify';
import { createOrder, serveOrDemo, verifiedClaims } from './orders.js';

const app = Fastify();

// @fastify/jwt's request.jwtVerify() leaves the claims in request.user, where the plugin finds the caller.
app.decorateRequest('user', null);
app.addHook('onRequest', async (request) => {
  (request as { user?: unknown }).user = verifiedClaims(request.headers.authorization) ?? null;
});

// Registered before the routes it covers.
await app.register(idempotency, { persistenceStore: new MemoryPersistenceLayer(), keyPrefix: 'orders-api' });

app.post<{ Body: { sku: string; quantity: number } }>('/orders', async (request, reply) => {
  const order = await createOrder(request.body);
  return reply.code(201).header('Location', `/orders/${order.orderId}`).send(order);
});

await serveOrDemo(async (port) => {
  await app.listen({ port, host: '127.0.0.1' });
  return app.server;
});
