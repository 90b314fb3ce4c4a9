import { MemoryPersistenceLayer } from '@idem/core';
import { type HttpIdempotencyOptions, type HttpResponse, makeHttpIdempotent } from '@idem/http';
import { httpIdempotency } from '@idem/http/middy';
import middyNewest from 'middy-newest';
import middyOldest from 'middy-oldest';
import { type EventSource, httpEvent, lambdaContext, type RequestSpec } from './events.js';
import type { RequestSource } from './requestSource.js';

type Handler = (event: any, context: any) => Promise<unknown>;

/** One way of making a Lambda handler idempotent: the wrapper or the middleware. */
export interface Runner {
  name: string;
  build(handler: Handler, options: HttpIdempotencyOptions): (event: unknown, context: unknown) => Promise<any>;
}

export const runners: Runner[] = [
  { name: 'makeHttpIdempotent', build: (handler, options) => makeHttpIdempotent(handler, options) },
  // The oldest and newest Middy the peer range allows.
  { name: 'httpIdempotency on Middy 6.0.0', build: (handler, options) => middyOldest(handler).use(httpIdempotency(options)) },
  { name: 'httpIdempotency on Middy 7', build: (handler, options) => middyNewest(handler).use(httpIdempotency(options)) },
];

/**
 * The handler's answer to its nth call, in the shape of a Lambda proxy result; server front ends
 * send the same status, headers and body (base64 decoded) through their framework.
 */
export type Respond = (call: { n: number; event: any }) => unknown;

/** Creates an order: a response with a header that must replay and one that never may. */
export const created: Respond = ({ n }) => ({
  statusCode: 201,
  headers: {
    'Content-Type': 'application/json',
    Location: `/orders/${n}`,
    'Set-Cookie': `session=s${n}; HttpOnly`,
    'X-Request-Id': `r${n}`,
  },
  body: JSON.stringify({ orderId: n }),
});

/** An API under test: `send` makes a request, changed by the spec, and returns what the client got. */
export interface Api {
  send(spec?: RequestSpec): Promise<HttpResponse>;
  /** How many times the handler ran. */
  readonly calls: number;
}

export interface ScenarioContext {
  source: RequestSource;
  /** `throw` on Lambda (the failure is the invocation's outcome), `report` on servers (the response is sent). */
  storeFailureAfterHandler: 'throw' | 'report';
  api(options?: Partial<HttpIdempotencyOptions>, respond?: Respond): Api;
  /** Holds what the client sees when the handler throws `error`: the error itself on Lambda, a 500 from a server. */
  expectHandlerError(sent: Promise<HttpResponse>, error: Error): Promise<void>;
  /** Stops what the context started (servers). */
  close(): Promise<void>;
}

/** A Lambda event source through one runner, on the in-process store. */
export function lambdaScenarioContext(source: EventSource, runner: Runner): ScenarioContext {
  const persistenceStore = new MemoryPersistenceLayer();
  return {
    source,
    storeFailureAfterHandler: 'throw',
    api(options = {}, respond = created) {
      let calls = 0;
      const handler: Handler = async (event) => respond({ n: ++calls, event });
      const invoke = runner.build(handler, { persistenceStore, keyPrefix: 'orders', ...source.callerOptions, ...options });
      return {
        send: (spec = {}) => invoke(httpEvent(source, spec), lambdaContext()),
        get calls() {
          return calls;
        },
      };
    },
    expectHandlerError: async (sent, error) => {
      await expect(sent).rejects.toBe(error);
    },
    close: async () => {},
  };
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
