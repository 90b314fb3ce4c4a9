import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { HttpIdempotencyOptions, HttpResponse } from '@idem/http';
import { idempotency as expressIdempotency } from '@idem/http/express';
import { idempotency as fastifyIdempotency } from '@idem/http/fastify';
import { withIdempotency } from '@idem/http/fetch';
import { idempotency as honoIdempotency } from '@idem/http/hono';
import express4 from 'express-4';
import express5 from 'express-5';
import Fastify from 'fastify';
import { Hono } from 'hono';
import type { RequestSpec } from './events.js';
import { closeServer, urlOf } from './listeningServer.js';
import type { RequestSource } from './requestSource.js';

/** A route's answer, in the shape of a Lambda proxy result: the scenarios' `Respond`. */
export interface RouteResult {
  statusCode: number;
  headers?: Record<string, string>;
  body?: string;
  isBase64Encoded?: boolean;
}

/** What the route does for each request that reaches it. */
export type Route = (request: unknown) => Promise<unknown>;

/** A server started for a test, on a loopback port. */
export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** A front end behind a real server. Callers are told by an `x-test-caller` header, which a test authentication step turns into the framework's own identity. */
export interface ServerFrontEnd extends RequestSource {
  listen(options: HttpIdempotencyOptions, route: Route): Promise<Listening>;
}

/** The claims a JWT verifier would leave, for the caller a test request names. */
export const testIssuer = 'https://issuer.example.com/';
const claimsOf = (caller: string | undefined | null) => (caller ? { iss: testIssuer, sub: caller } : undefined);

function resultBody(result: RouteResult): Buffer | undefined {
  if (result.body === undefined) return undefined;
  return Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
}

function expressFrontEnd(name: string, express: typeof express5): ServerFrontEnd {
  return {
    name,
    repeatedHeaders: 'joined',
    // The default: the claims express-jwt or express-oauth2-jwt-bearer leave in req.auth.
    callerOptions: {},
    async listen(options, route) {
      const app = express();
      app.use(express.json(), express.text(), express.raw({ type: 'application/octet-stream' }));
      app.use((req, _res, next) => {
        const payload = claimsOf(req.header('x-test-caller'));
        if (payload) (req as { auth?: unknown }).auth = { payload };
        next();
      });
      app.use(expressIdempotency(options));
      app.use((req, res, next) => {
        route(req)
          .then((answer) => {
            const result = answer as RouteResult;
            // setHeader, not res.set, which would add a charset to the Content-Type.
            for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
            res.status(result.statusCode).send(resultBody(result) ?? Buffer.alloc(0));
          })
          .catch(next);
      });
      const server = app.listen(0, '127.0.0.1');
      return { url: await urlOf(server), close: () => closeServer(server) };
    },
  };
}

const fastifyFrontEnd: ServerFrontEnd = {
  name: 'the Fastify 5 plugin',
  repeatedHeaders: 'joined',
  // The default: the claims @fastify/jwt leaves in request.user.
  callerOptions: {},
  async listen(options, route) {
    const app = Fastify();
    app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.addHook('onRequest', async (request) => {
      const user = claimsOf(request.headers['x-test-caller'] as string | undefined);
      if (user) (request as { user?: unknown }).user = user;
    });
    await app.register(fastifyIdempotency, options);
    app.all('/*', async (request, reply) => {
      const result = (await route(request)) as RouteResult;
      return reply
        .code(result.statusCode)
        .headers(result.headers ?? {})
        .send(resultBody(result) ?? Buffer.alloc(0));
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { url: await urlOf(app.server), close: () => app.close() };
  },
};

function fetchResponse(result: RouteResult): Response {
  return new Response(resultBody(result) ?? null, { status: result.statusCode, headers: result.headers });
}

const honoFrontEnd: ServerFrontEnd = {
  name: 'the Hono 4 middleware on @hono/node-server',
  repeatedHeaders: 'joined',
  // The default: the claims hono/jwt leaves in c.get('jwtPayload').
  callerOptions: {},
  async listen(options, route) {
    const app = new Hono<{ Variables: { jwtPayload: unknown } }>();
    app.use(async (c, next) => {
      const payload = claimsOf(c.req.header('x-test-caller'));
      if (payload) c.set('jwtPayload', payload);
      await next();
    });
    app.use(honoIdempotency(options));
    app.all('*', async (c) => fetchResponse((await route(c)) as RouteResult));
    // Hono's default handler answers the same 500, and also logs the error.
    app.onError((_error, c) => c.text('Internal Server Error', 500));
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    return { url: await urlOf(server), close: () => closeServer(server) };
  },
};

const fetchFrontEnd: ServerFrontEnd = {
  name: 'withIdempotency (Fetch API) on @hono/node-server',
  repeatedHeaders: 'joined',
  // No standard identity in a Request: the application says who is calling.
  callerOptions: { callerIdentity: (request: Request) => request.headers.get('x-test-caller') },
  async listen(options, route) {
    const handler = withIdempotency(async (request: Request) => fetchResponse((await route(request)) as RouteResult), options);
    // The host's own answer to a handler that throws, without @hono/node-server's logging.
    const fetch = (request: Request) => handler(request).catch(() => new Response('Internal Server Error', { status: 500 }));
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    return { url: await urlOf(server), close: () => closeServer(server) };
  },
};

export const serverFrontEnds: ServerFrontEnd[] = [
  fetchFrontEnd,
  expressFrontEnd('the Express 4 middleware', express4 as unknown as typeof express5),
  expressFrontEnd('the Express 5 middleware', express5),
  fastifyFrontEnd,
  honoFrontEnd,
];

const defaultKey = '"8e03978e-40d5-43e8-bc93-6894a57f9324"';
const defaultBody = '{"sku":"book-42","quantity":1}';

/** Sends the spec's request to a server with Node's fetch, as the scenarios describe it for every front end. */
export async function sendRequest(url: string, spec: RequestSpec): Promise<HttpResponse> {
  const headers = new Headers();
  const keyLines = spec.key === undefined ? [defaultKey] : spec.key === null ? [] : [spec.key].flat();
  for (const line of keyLines) headers.append(spec.keyHeaderName ?? 'Idempotency-Key', line);
  const caller = spec.caller === undefined ? 'alice' : spec.caller;
  if (caller !== null) headers.set('x-test-caller', caller);
  const method = spec.method ?? 'POST';
  let body: RequestInit['body'];
  if (spec.binaryBody !== undefined) {
    body = spec.binaryBody;
    headers.set('content-type', 'application/octet-stream');
  } else if (method !== 'GET' && spec.body !== null) {
    body = spec.body ?? defaultBody;
    headers.set('content-type', isJson(body) ? 'application/json' : 'text/plain');
  }
  const response = await fetch(`${url}${spec.path ?? '/orders'}`, { method, headers, body });
  return clientView(response);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A fetch Response in the shape the scenarios read: headers joined per name, a body that is not UTF-8 as base64. */
async function clientView(response: Response): Promise<HttpResponse> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const [name, value] of response.headers) if (name !== 'set-cookie') headers[name] = value;
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies.join(', ');
  try {
    return { statusCode: response.status, headers, body: utf8.decode(bytes), isBase64Encoded: false };
  } catch {
    return { statusCode: response.status, headers, body: Buffer.from(bytes).toString('base64'), isBase64Encoded: true };
  }
}
