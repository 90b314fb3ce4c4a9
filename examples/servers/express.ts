// POST /orders on Express 5, idempotent per Idempotency-Key: `pnpm build && pnpm exec tsx
// examples/servers/express.ts` runs a demo client against it; add `--serve` to keep it serving.
import { once } from 'node:events';
import { MemoryPersistenceLayer } from '@idem/core';
import { idempotency } from '@idem/http/express';
import express, { type Request } from 'express';
import { createOrder, serveOrDemo, verifiedClaims } from './orders.js';

// One store for every instance of the API in production: DynamoDB, Redis/Valkey, PostgreSQL.
const persistenceStore = new MemoryPersistenceLayer();

const app = express();
app.use(express.json()); // before idempotency(): the fingerprint is the parsed body
app.use((req: Request & { auth?: unknown }, _res, next) => {
  // A JWT verifier leaves the claims in req.auth, where idempotency() finds the caller.
  const claims = verifiedClaims(req.get('authorization'));
  if (claims) req.auth = { payload: claims };
  next();
});

app.post('/orders', idempotency({ persistenceStore, keyPrefix: 'orders-api' }), async (req, res, next) => {
  try {
    const order = await createOrder(req.body);
    res.status(201).location(`/orders/${order.orderId}`).json(order);
  } catch (error) {
    next(error);
  }
});

await serveOrDemo(async (port) => {
  const server = app.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return server;
});
