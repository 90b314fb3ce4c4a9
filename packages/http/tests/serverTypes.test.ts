// Type-level checks, enforced by `tsc -p tsconfig.typecheck.json`: each server front end fits
// where its framework expects a middleware or plugin, and callerIdentity gets the framework's
// own request type.
import { MemoryPersistenceLayer } from '@idem/core';
import { idempotency as expressIdempotency } from '@idem/http/express';
import fastifyIdempotency, { idempotency as namedFastifyIdempotency } from '@idem/http/fastify';
import { withIdempotency } from '@idem/http/fetch';
import { idempotency as honoIdempotency } from '@idem/http/hono';
import express, { type Request as ExpressRequest } from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';

const persistenceStore = new MemoryPersistenceLayer();

const expressApp = express();
expressApp.use(express.json());
expressApp.use(expressIdempotency({ persistenceStore }));
expressApp.post(
  '/orders',
  expressIdempotency({ persistenceStore, callerIdentity: (req: ExpressRequest) => req.get('x-api-key') }),
  (_req, res) => {
    res.status(201).json({ orderId: 1 });
  }
);

const fastifyApp = Fastify();
fastifyApp.register(fastifyIdempotency, {
  persistenceStore,
  callerIdentity: (request) => request.headers['x-api-key'] as string,
});
fastifyApp.register(namedFastifyIdempotency, { persistenceStore, keyPrefix: 'orders' });

type Env = { Variables: { tenant: string } };
const honoApp = new Hono<Env>();
honoApp.use(honoIdempotency<Env>({ persistenceStore, callerIdentity: (c) => c.get('tenant') }));

const fetchHandler: (request: Request) => Promise<Response> = withIdempotency(
  honoApp.fetch as (request: Request) => Response | Promise<Response>,
  {
    persistenceStore,
    callerIdentity: (request) => request.headers.get('x-api-key'),
  }
);

describe('the server front ends’ types', () => {
  it('fit Express, Fastify, Hono and Fetch API handlers', () => {
    expect(fastifyIdempotency).toBe(namedFastifyIdempotency);
    for (const app of [expressApp, fastifyApp, honoApp, fetchHandler]) expect(app).toBeDefined();
  });
});
