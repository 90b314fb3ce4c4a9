// POST /orders on Hono 4 (on @hono/node-server), idempotent per Idempotency-Key: `pnpm build &&
// pnpm exec tsx examples/servers/hono.ts` runs a demo client against it; add `--serve` to keep it serving.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { MemoryPersistenceLayer } from '@idem/core';
import { idempotency } from '@idem/http/hono';
import { Hono } from 'hono';
import { createOrder, serveOrDemo, verifiedClaims } from './orders.js';

const app = new Hono<{ Variables: { jwtPayload: unknown } }>();

app.use(async (c, next) => {
  // hono/jwt leaves the verified claims in c.get('jwtPayload'), where idempotency() finds the caller.
  const claims = verifiedClaims(c.req.header('authorization'));
  if (claims) c.set('jwtPayload', claims);
  await next();
});
app.use('/orders', idempotency({ persistenceStore: new MemoryPersistenceLayer(), keyPrefix: 'orders-api' }));

app.post('/orders', async (c) => {
  const order = await createOrder(await c.req.json());
  c.header('Location', `/orders/${order.orderId}`);
  return c.json(order, 201);
});

await serveOrDemo(async (port) => {
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }) as Server;
  await once(server, 'listening');
  return server;
});
