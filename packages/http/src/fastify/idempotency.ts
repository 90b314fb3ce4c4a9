import { defaultKeyPrefix } from '@idem/core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { nodeHeaderValues, pathOf, readNodeResponse } from '../node/nodeMessages.js';
import { decodeBody } from '../rules/bodyEncoding.js';
import { type HttpClaim, HttpIdempotency } from '../rules/HttpIdempotency.js';
import { jwtIdentity } from '../rules/jwtIdentity.js';
import type { HttpAdapter, ResponseParts } from '../types/frontEnd.js';
import type { HttpIdempotencyOptions } from '../types/options.js';

/** Options of the Fastify plugin: `callerIdentity` is given the request. */
export type FastifyIdempotencyOptions = HttpIdempotencyOptions<FastifyRequest>;

/** What `onSend` sees of a reply. */
interface SentReply {
  statusCode: number;
  headers: ReturnType<FastifyReply['getHeaders']>;
  payload: unknown;
}

/**
 * Fastify's request after its content-type parser (the body is parsed, or the request was refused
 * with 415 before any hook), and the serialized payload `onSend` gets: a string or a Buffer is
 * whole, anything else (a stream) is streamed.
 */
const fastifyAdapter: HttpAdapter<FastifyRequest, ResponseParts> = {
  readRequest: (request) => ({
    method: request.method.toUpperCase(),
    path: pathOf(request.url),
    headerValues: nodeHeaderValues(request.raw),
    readBody: () => request.body,
  }),
  respond: (parts) => parts,
  readResponse: (sent) => {
    const { statusCode, headers, payload } = sent as SentReply;
    const whole = payload === undefined || payload === null || typeof payload === 'string' || payload instanceof Uint8Array;
    return readNodeResponse({ statusCode, headers, body: whole ? payload : 'streamed' });
  },
  // @fastify/jwt's request.jwtVerify() leaves the verified claims here.
  defaultCallerIdentity: (request) => jwtIdentity((request as { user?: unknown }).user),
  storeFailureAfterHandler: 'report',
};

/** A claim held by a request, and whether its route threw. */
interface Held {
  claim: HttpClaim;
  failed: boolean;
}

const plugin: FastifyPluginAsync<FastifyIdempotencyOptions> = async (fastify, options) => {
  const lifecycle = new HttpIdempotency(options, fastifyAdapter, defaultKeyPrefix('fastify'));
  // Keyed by request: one plugin instance serves concurrent requests, each settles its own claim.
  const held = new WeakMap<FastifyRequest, Held>();
  const take = (request: FastifyRequest) => {
    const entry = held.get(request);
    held.delete(request);
    return entry;
  };

  // preHandler: after parsing, validation and onRequest authentication, so an invalid request
  // claims nothing and the caller is known.
  fastify.addHook('preHandler', async (request, reply) => {
    const start = await lifecycle.begin(request);
    if (start.kind === 'bypass') return;
    if (start.kind === 'claimed') {
      held.set(request, { claim: start.claim, failed: false });
      return;
    }
    return send(reply, start.response);
  });

  fastify.addHook('onError', async (request) => {
    const entry = held.get(request);
    if (entry) entry.failed = true;
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    const entry = take(request);
    if (!entry) return payload;
    if (entry.failed) await lifecycle.release(entry.claim);
    else await lifecycle.complete(entry.claim, { statusCode: reply.statusCode, headers: reply.getHeaders(), payload });
    return payload;
  });

  // A reply that never went through onSend (hijacked, written to reply.raw) is not stored.
  fastify.addHook('onResponse', async (request) => {
    const entry = take(request);
    if (entry) await lifecycle.release(entry.claim);
  });
};

// The statuses whose responses have no body.
const nullBodyStatuses = new Set([204, 304]);

function send(reply: FastifyReply, parts: ResponseParts): FastifyReply {
  reply.code(parts.statusCode);
  for (const [name, values] of Object.entries(parts.headers)) reply.header(name, values.length === 1 ? values[0] : values);
  return reply.send(nullBodyStatuses.has(parts.statusCode) ? undefined : decodeBody(parts));
}

/**
 * The Idempotency-Key rules of `makeHttpIdempotent` as a Fastify 5 plugin:
 * `app.register(idempotency, options)`, before the routes it covers. A replay or a problem is
 * answered in `preHandler`, before the route runs; the route's reply is stored in `onSend` when
 * final, or its key freed (the route threw, the reply is not final, streamed or too large).
 * Wrapped with fastify-plugin, so its hooks cover the routes of the context it is registered in.
 */
export const idempotency = fastifyPlugin(plugin, { fastify: '5.x', name: '@idem/http/fastify' });
