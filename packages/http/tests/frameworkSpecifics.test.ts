import { MemoryPersistenceLayer } from '@idem/core';
import { IdempotencyHttpEventError } from '@idem/http';
import { idempotency as expressIdempotency } from '@idem/http/express';
import { idempotency as fastifyIdempotency } from '@idem/http/fastify';
import { withIdempotency } from '@idem/http/fetch';
import express from 'express-5';
import Fastify from 'fastify';
import { closeServer, postOrder, urlOf } from './support/listeningServer.js';

// What one front end does that the others have no counterpart for: each framework's own way of
// reading bodies, writing heads and handling errors.

describe('the Fetch API front end', () => {
  it('stores a body built from a stream that was complete when the handler returned', async () => {
    let runs = 0;
    const handler = withIdempotency(
      async () => {
        runs++;
        const body = new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"orderId":1}'));
            controller.close();
          },
        });
        return new Response(body, { status: 201, headers: { 'Content-Type': 'application/json' } });
      },
      { persistenceStore: new MemoryPersistenceLayer(), keyPrefix: 'closed-stream' }
    );
    const request = () =>
      new Request('http://api.example.com/orders', { method: 'POST', headers: { 'Idempotency-Key': 'k-1' }, body: '{}' });
    await handler(request());
    const replay = await handler(request());
    expect(await replay.text()).toBe('{"orderId":1}');
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(runs).toBe(1);
  });

  it('passes the arguments after the request through to the handler', async () => {
    const handler = withIdempotency(async (_request: Request, env: { region: string }) => new Response(env.region), {
      persistenceStore: new MemoryPersistenceLayer(),
    });
    const response = await handler(new Request('http://api.example.com/orders'), { region: 'eu-west-1' });
    expect(await response.text()).toBe('eu-west-1');
  });
});

describe('the Express middleware', () => {
  async function listen(app: ReturnType<typeof express>) {
    const server = app.listen(0, '127.0.0.1');
    return { url: await urlOf(server), close: () => closeServer(server) };
  }

  it('refuses a body no parser read with IdempotencyHttpEventError, before the route runs', async () => {
    const app = express();
    let runs = 0;
    app.post('/orders', expressIdempotency({ persistenceStore: new MemoryPersistenceLayer() }), (_req, res) => {
      runs++;
      res.sendStatus(201);
    });
    app.use((error: Error, _req: unknown, res: express.Response, _next: unknown) => {
      res
        .status(500)
        .json({ name: error.name, isHttpEventError: error instanceof IdempotencyHttpEventError, message: error.message });
    });
    const server = await listen(app);
    try {
      const response = await postOrder(server.url);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ isHttpEventError: true, message: expect.stringContaining('express.json()') });
      expect(runs).toBe(0);
    } finally {
      await server.close();
    }
  });

  it('stores the headers a route passes to writeHead, which res.getHeaders() never shows', async () => {
    const app = express();
    app.use(express.json());
    app.post('/orders', expressIdempotency({ persistenceStore: new MemoryPersistenceLayer() }), (_req, res) => {
      res.writeHead(201, { 'Content-Type': 'text/plain', Location: '/orders/1' });
      res.end('created');
    });
    const server = await listen(app);
    try {
      await postOrder(server.url);
      const replay = await postOrder(server.url);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.headers.get('location')).toBe('/orders/1');
      expect(replay.headers.get('content-type')).toBe('text/plain');
      expect(await replay.text()).toBe('created');
    } finally {
      await server.close();
    }
  });
});

describe('the Fastify plugin', () => {
  it('frees the key of a route that threw, even when the error handler answers with a 4xx', async () => {
    const app = Fastify();
    await app.register(fastifyIdempotency, { persistenceStore: new MemoryPersistenceLayer() });
    let runs = 0;
    app.post('/orders', async () => {
      runs++;
      if (runs === 1) throw Object.assign(new Error('card declined'), { statusCode: 402 });
      return { orderId: runs };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const url = await urlOf(app.server);
      expect((await postOrder(url)).status).toBe(402);
      expect(await (await postOrder(url)).json()).toEqual({ orderId: 2 });
      expect(runs).toBe(2);
    } finally {
      await app.close();
    }
  });

  it('fails app.ready() with IdempotencyConfigurationError for a bad option', async () => {
    const app = Fastify();
    app.register(fastifyIdempotency, { persistenceStore: new MemoryPersistenceLayer(), maxKeyLength: 0 });
    await expect(app.ready()).rejects.toThrow(/^maxKeyLength:/);
  });
});
