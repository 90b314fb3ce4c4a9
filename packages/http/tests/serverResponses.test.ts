import { once } from 'node:events';
import type { Server } from 'node:http';
import { Readable } from 'node:stream';
import { serve } from '@hono/node-server';
import { CachePersistenceLayer } from '@idem/cache';
import { type IdempotencyEvent, MemoryPersistenceLayer } from '@idem/core';
import { idempotency as expressIdempotency } from '@idem/http/express';
import { idempotency as fastifyIdempotency } from '@idem/http/fastify';
import { withIdempotency } from '@idem/http/fetch';
import { idempotency as honoIdempotency } from '@idem/http/hono';
import { startRedis } from '@idem/test-servers';
import express from 'express-5';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { streamText } from 'hono/streaming';
import { Redis } from 'ioredis';
import { deferred } from './support/harness.js';
import { closeServer, postOrder, urlOf } from './support/listeningServer.js';

/** How each server front end answers one POST, written the way that framework streams, or sends a body in one piece. */
type Answer = 'streamed' | 'whole';

interface App {
  url: string;
  close(): Promise<void>;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * One app per front end whose POST route runs `work` (counting the runs), then answers "part 1,
 * part 2" either streamed in two pieces over time or whole.
 */
const apps: Array<[string, (options: Record<string, unknown>, answer: Answer, work: () => Promise<void>) => Promise<App>]> = [
  [
    'withIdempotency (Fetch API)',
    async (options, answer, work) => {
      const handler = withIdempotency(async () => {
        await work();
        if (answer === 'whole') return new Response('part 1, part 2', { status: 201 });
        const parts = ['part 1, ', 'part 2'];
        const body = new ReadableStream({
          async pull(controller) {
            await pause();
            const part = parts.shift();
            if (part === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(part));
          },
        });
        return new Response(body, { status: 201 });
      }, options as never);
      const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }) as Server;
      return { url: await urlOf(server), close: () => closeServer(server) };
    },
  ],
  [
    'the Express middleware',
    async (options, answer, work) => {
      const app = express();
      app.use(express.json());
      app.post('/orders', expressIdempotency(options as never), (_req, res, next) => {
        work()
          .then(async () => {
            res.status(201);
            if (answer === 'whole') return void res.send('part 1, part 2');
            res.write('part 1, ');
            await pause();
            res.end('part 2');
          })
          .catch(next);
      });
      const server = app.listen(0, '127.0.0.1');
      return { url: await urlOf(server), close: () => closeServer(server) };
    },
  ],
  [
    'the Fastify plugin',
    async (options, answer, work) => {
      const app = Fastify();
      await app.register(fastifyIdempotency, options as never);
      app.post('/orders', async (_request, reply) => {
        await work();
        reply.code(201).type('text/plain');
        return answer === 'whole' ? 'part 1, part 2' : Readable.from(['part 1, ', 'part 2']);
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      return { url: await urlOf(app.server), close: () => app.close() };
    },
  ],
  [
    'the Hono middleware',
    async (options, answer, work) => {
      const app = new Hono();
      app.use(honoIdempotency(options as never));
      app.post('/orders', async (c) => {
        await work();
        c.status(201);
        if (answer === 'whole') return c.text('part 1, part 2');
        return streamText(c, async (stream) => {
          await stream.write('part 1, ');
          await stream.sleep(5);
          await stream.write('part 2');
        });
      });
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
      return { url: await urlOf(server), close: () => closeServer(server) };
    },
  ],
];

describe.each(apps)('%s', (_, start) => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('sends a streamed body as it comes, never stores it, frees the key and says so in a responseNotStored event', async () => {
    const events: IdempotencyEvent[] = [];
    let runs = 0;
    app = await start(
      {
        persistenceStore: new MemoryPersistenceLayer(),
        keyPrefix: 'stream',
        onEvent: (event: IdempotencyEvent) => events.push(event),
      },
      'streamed',
      async () => {
        runs++;
      }
    );
    const first = await postOrder(app.url);
    expect(first.status).toBe(201);
    expect(await first.text()).toBe('part 1, part 2');
    const retry = await postOrder(app.url);
    expect(await retry.text()).toBe('part 1, part 2');
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(runs).toBe(2);
    expect(events.filter((event) => event.type === 'responseNotStored')).toEqual([
      expect.objectContaining({ reason: 'streamed' }),
      expect.objectContaining({ reason: 'streamed' }),
    ]);
  });

  it('stores a body sent whole and replays it', async () => {
    let runs = 0;
    app = await start({ persistenceStore: new MemoryPersistenceLayer(), keyPrefix: 'whole' }, 'whole', async () => {
      runs++;
    });
    await postOrder(app.url);
    const retry = await postOrder(app.url);
    expect(await retry.text()).toBe('part 1, part 2');
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(runs).toBe(1);
  });

  it('sends the response when storing it fails after the route ran (redis-server killed meanwhile), and reports it', async () => {
    const redis = await startRedis();
    // No offline queue and no reconnection: a command to the killed server fails at once.
    const client = new Redis({
      port: redis.port,
      host: '127.0.0.1',
      enableOfflineQueue: false,
      retryStrategy: () => null,
      maxRetriesPerRequest: 0,
    });
    await once(client, 'ready');
    const events: IdempotencyEvent[] = [];
    const routeEntered = deferred();
    const storeKilled = deferred();
    try {
      app = await start(
        {
          persistenceStore: new CachePersistenceLayer({ client }),
          keyPrefix: 'killed',
          onEvent: (event: IdempotencyEvent) => events.push(event),
        },
        'whole',
        async () => {
          routeEntered.resolve();
          await storeKilled.promise;
        }
      );
      const sent = postOrder(app.url);
      await routeEntered.promise;
      const ended = once(client, 'end');
      await redis.kill();
      await ended;
      storeKilled.resolve();
      const response = await sent;
      expect(response.status).toBe(201);
      expect(await response.text()).toBe('part 1, part 2');
      expect(events).toContainEqual(expect.objectContaining({ type: 'storeError', operation: 'complete' }));
      expect(events).toContainEqual(expect.objectContaining({ type: 'responseNotStored', reason: 'error' }));
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });
});
